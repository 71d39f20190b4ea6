"""
id = "cancel.uncancel-clears-pending"
clauses = ["cancel.uncancel.pending-cancel"]
features = ["uncancel"]
description = "A cancel() not yet delivered (the task's next step is queued) followed by uncancel() back to zero: whether the CancelledError is still thrown in depends on the version."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    try:
        await asyncio.sleep(0)
        log("child: no CancelledError")
    except asyncio.CancelledError:
        log("child: CancelledError delivered")
    return "end"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("cancel", t.cancel(), t.cancelling())
    log("uncancel", t.uncancel())
    log("result", await t, t.cancelled(), t.cancelling())
