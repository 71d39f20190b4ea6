"""
id = "cancel.done-returns-false"
clauses = ["cancel.done-returns-false"]
features = ["uncancel"]
description = "cancel() on a task that already finished (returned, or was cancelled) returns False and leaves cancelled() and cancelling() unchanged."
"""
import asyncio


async def quick():
    return "v"


async def slow():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(quick())
    await t
    log("finished", t.cancel(), t.cancel("msg"), t.cancelled(), t.cancelling(), t.result())
    s = asyncio.create_task(slow())
    await asyncio.sleep(0)
    log("first cancel", s.cancel())
    try:
        await s
    except asyncio.CancelledError:
        log("s cancelled", s.cancelled(), s.cancelling())
    log("cancel again", s.cancel(), s.cancelling())
