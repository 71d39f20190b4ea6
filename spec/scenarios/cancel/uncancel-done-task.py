"""
id = "cancel.uncancel-done-task"
clauses = ["cancel.uncancel.count", "cancel.pending-returns-true"]
features = ["uncancel"]
description = "cancelling() keeps its count after the task ended cancelled; uncancel() on the done task still decrements it but does not change the outcome."
"""
import asyncio


async def child():
    await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log("done", t.cancelled(), t.cancelling())
    log("uncancel on done task", t.uncancel(), t.cancelling(), t.cancelled())
