"""
id = "timeout.basic-expiry"
clauses = ["timeout.expiry.cancels-task", "timeout.exit.converts-to-timeout-error"]
features = ["timeout", "uncancel"]
description = "At the deadline the body gets a message-less CancelledError while cancelling() is 1; on exit it becomes TimeoutError caused by that CancelledError, and cancelling() is back to 0."
"""
import asyncio


async def main():
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                log("body cancelled", e, asyncio.current_task().cancelling())
                raise
    except TimeoutError as e:
        log("timeout", e.__cause__)
    log("after", cm.expired(), asyncio.current_task().cancelling())
