"""
id = "cancel.swallowed"
clauses = ["cancel.swallowed", "cancel.pending-returns-true"]
features = ["uncancel"]
description = "A coroutine may catch CancelledError and return normally: the task has that result, cancelled() is False, cancelling() keeps its count, and later awaits in it are not cancelled."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("swallowed")
    await asyncio.sleep(1)
    log("slept normally", asyncio.current_task().cancelling())
    return "survived"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0.5)
    t.cancel()
    r = await t
    log("result", r, t.cancelled(), t.cancelling())
