"""
id = "cancel.uncancel-partial"
clauses = ["cancel.uncancel.pending-cancel", "cancel.uncancel.count"]
features = ["uncancel"]
description = "Two undelivered cancel() calls and one uncancel(): the count stays above zero, so the CancelledError is delivered in every version."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    try:
        await asyncio.sleep(0)
        log("child: no CancelledError")
    except asyncio.CancelledError:
        log("child: CancelledError delivered", asyncio.current_task().cancelling())
    return "end"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    log("uncancel", t.uncancel())
    log("result", await t, t.cancelling())
