"""
id = "timeout.baseline-cancelling"
clauses = ["timeout.enter.records-baseline"]
features = ["timeout", "uncancel"]
description = "A cancellation swallowed before entering (cancelling() already 1) does not stop the timeout from converting its own expiry into TimeoutError; cancelling() returns to 1."
"""
import asyncio


async def main():
    me = asyncio.current_task()
    me.cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        log("swallowed first cancel", me.cancelling())
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(10)
    except TimeoutError:
        log("timeout", me.cancelling())
