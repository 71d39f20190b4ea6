"""
id = "cancel.race-cancel-then-set-result"
clauses = ["cancel.forwarded-to-future", "futures.set.done-invalid"]
features = ["futures"]
description = "Cancelling a task cancels the future it awaits immediately, so a producer that tries to set that future's result later in the same iteration gets InvalidStateError."
"""
import asyncio


def cancel_then_set(task, fut):
    task.cancel()
    try:
        fut.set_result("too late")
    except asyncio.InvalidStateError as e:
        log("producer", e)


async def child(fut):
    try:
        await fut
    except asyncio.CancelledError:
        log("child cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    loop.call_soon(cancel_then_set, t, fut)
    try:
        await t
    except asyncio.CancelledError:
        log("main", t.cancelled(), fut.cancelled())
