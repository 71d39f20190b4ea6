"""
id = "wait_for.inner-awaits-in-cancel-handler"
clauses = ["wait_for.timeout.waits-for-inner"]
features = ["wait-for", "call-later"]
description = "At the deadline the inner task catches the CancelledError, awaits in its handler, then re-raises: wait_for waits for the handler to finish and only then raises TimeoutError; the inner task ends cancelled."
"""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("inner cancelled")
        await asyncio.sleep(0.5)
        log("inner handler done")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(t, 1)
    except TimeoutError:
        log("timeout", loop.time(), t.done(), t.cancelled())
