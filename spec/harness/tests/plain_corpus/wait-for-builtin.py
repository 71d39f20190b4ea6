"""
id = "plain.wait-for-builtin"
clauses = ["wait_for.timeout.builtin-timeout-error"]
description = "The TimeoutError raised by wait_for is the builtin TimeoutError."
"""
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    try:
        await asyncio.wait_for(fut, 0.5)
    except TimeoutError as e:
        log("builtin", isinstance(e, TimeoutError), e.__class__ is TimeoutError)
    log("future", fut.cancelled())
