"""
id = "timeout.after-own-cancellation"
clauses = ["timeout.enter.records-baseline", "timeout.exit.foreign-cancel-propagates"]
features = ["timeout", "uncancel"]
description = "A task that was cancelled and caught the CancelledError (cancelling() still 1) uses a timeout in its cleanup: an expiring timeout still raises TimeoutError; a cancel of the task inside a later timeout that has not expired propagates as CancelledError."
"""
import asyncio


async def main():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("caught", asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(0.0):
            await asyncio.sleep(1)
    except TimeoutError:
        log("cleanup timed out", asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(1.0):
            asyncio.current_task().cancel()
            await asyncio.sleep(2)
    except asyncio.CancelledError:
        log("cancelled inside timeout", asyncio.current_task().cancelling())
    except TimeoutError:
        log("timeout instead")
