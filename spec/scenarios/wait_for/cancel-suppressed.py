"""
id = "wait_for.cancel-suppressed"
clauses = ["wait_for.timeout.cancel-suppressed-returns"]
features = ["wait-for"]
description = "When the inner task swallows the timeout's cancellation and returns a value after more work, wait_for returns that value instead of raising TimeoutError."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("swallowed")
        await asyncio.sleep(0.5)
    return "value"


async def main():
    t = asyncio.create_task(job())
    log("result", await asyncio.wait_for(t, 1))
    log("cancelling", asyncio.current_task().cancelling())
