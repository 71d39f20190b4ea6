"""
id = "cancel.uncancel-before-start"
clauses = ["cancel.uncancel.pending-cancel", "cancel.before-first-step"]
features = ["uncancel"]
description = "A task cancelled and then uncancelled before its first step: whether its body runs depends on the version."
"""
import asyncio


async def child():
    log("body runs")
    return "ran"


async def main():
    t = asyncio.create_task(child())
    t.cancel()
    t.uncancel()
    try:
        r = await t
        log("result", r)
    except asyncio.CancelledError:
        log("cancelled before start")
    log("state", t.cancelled(), t.cancelling())
