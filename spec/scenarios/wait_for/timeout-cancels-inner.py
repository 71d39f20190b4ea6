"""
id = "wait_for.timeout-cancels-inner"
clauses = ["wait_for.timeout.cancels-and-raises", "wait_for.timeout.builtin-timeout-error"]
features = ["wait-for"]
description = "At the deadline the inner task is cancelled and waited for; then TimeoutError (the builtin class) is raised, caused by a CancelledError."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("inner cancelled", e)
        raise


async def main():
    t = asyncio.create_task(job())
    try:
        await asyncio.wait_for(t, 1)
    except asyncio.TimeoutError as e:
        log("timeout", isinstance(e, TimeoutError), e.__cause__)
    log("inner", t.cancelled())
    log("cancelling", asyncio.current_task().cancelling())
