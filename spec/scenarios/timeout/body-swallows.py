"""
id = "timeout.body-swallows"
clauses = ["timeout.exit.no-error-if-swallowed"]
features = ["timeout", "uncancel"]
description = "A body that swallows the expiry's CancelledError exits normally: no TimeoutError, expired() is True and cancelling() is back to 0."
"""
import asyncio


async def main():
    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("swallowed")
        await asyncio.sleep(0.5)
        log("body continues")
    log("after", cm.expired(), asyncio.current_task().cancelling())
    await asyncio.sleep(1)
    log("no late cancel")
