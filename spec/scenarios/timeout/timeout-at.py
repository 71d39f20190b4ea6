"""
id = "timeout.timeout-at"
clauses = ["timeout.create.timeout-at-absolute", "timeout.query.when"]
features = ["timeout"]
description = "timeout_at(when) uses the absolute loop time as its deadline; a deadline already in the past fires on the next iteration."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.2)
    try:
        async with asyncio.timeout_at(0.7) as cm:
            log("when", cm.when())
            await asyncio.sleep(10)
    except TimeoutError:
        log("timed out")
    try:
        async with asyncio.timeout_at(0.1):
            log("body starts")
            await asyncio.sleep(0)
            log("not reached")
    except TimeoutError:
        log("past deadline timed out")
