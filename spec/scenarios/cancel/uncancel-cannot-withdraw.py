"""
id = "cancel.uncancel-cannot-withdraw"
clauses = ["cancel.uncancel.pending-cancel", "cancel.forwarded-to-future"]
features = ["uncancel", "futures"]
description = "uncancel() cannot withdraw a cancellation already passed on to the future the task awaits: the future stays cancelled and the task still gets CancelledError, in every version."
"""
import asyncio


async def child(fut):
    try:
        await fut
        log("not cancelled")
    except asyncio.CancelledError:
        log("child still cancelled", asyncio.current_task().cancelling())
    return "end"


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    t.cancel()
    log("uncancel", t.uncancel(), fut.cancelled())
    log("result", await t)
