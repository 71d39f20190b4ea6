"""
id = "cancel.multiple-cancels-awaiting-future"
clauses = ["cancel.multiple.one-error", "cancel.forwarded-to-future"]
features = ["cancel-msg", "uncancel", "futures"]
description = "Several cancel(msg) calls on a task suspended on a future deliver one CancelledError carrying the first message (the one passed on to the future)."
"""
import asyncio


async def child(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log("child caught", e)
    await asyncio.sleep(0)
    log("second await not cancelled")
    return "swallowed"


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    t.cancel("third")
    log("future", fut.cancelled(), t.cancelling())
    log("result", await t, t.cancelling())
