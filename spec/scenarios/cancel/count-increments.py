"""
id = "cancel.count-increments"
clauses = ["cancel.pending-returns-true", "cancel.cancelled-after-delivery"]
features = ["uncancel"]
description = "Every cancel() on a pending task returns True and increments cancelling(), even when a cancellation is already pending; cancelled() stays False until the task has actually ended."
"""
import asyncio


async def child():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    log("first", t.cancel(), t.cancelling(), t.cancelled(), t.done())
    log("second", t.cancel(), t.cancelling(), t.cancelled(), t.done())
    log("third", t.cancel("m"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        log("awaiter got", e)
    log("after", t.cancelled(), t.done(), t.cancelling())
