"""
id = "timeout.zero-delay"
clauses = ["timeout.expiry.at-first-suspension"]
features = ["timeout", "futures"]
description = "timeout(0): the body runs until its first real suspension (awaiting a done future does not suspend) and is cancelled there."
"""
import asyncio


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_result(1)
    try:
        async with asyncio.timeout(0):
            log("body starts")
            log("done future", await f)
            await asyncio.sleep(1)
            log("not reached")
    except TimeoutError:
        log("timeout")
