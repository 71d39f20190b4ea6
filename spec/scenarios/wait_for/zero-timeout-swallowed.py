"""
id = "wait_for.zero-timeout-swallowed"
clauses = ["wait_for.timeout-zero.done-or-cancel", "wait_for.timeout.cancel-suppressed-returns"]
features = ["wait-for"]
description = "timeout=0 on a running task that swallows the cancellation and returns a value: wait_for returns that value."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("job swallowed")
    return "kept"


async def main():
    t = asyncio.create_task(job())
    await asyncio.sleep(0)
    log("result", await asyncio.wait_for(t, 0))
    log("task", t.cancelled())
