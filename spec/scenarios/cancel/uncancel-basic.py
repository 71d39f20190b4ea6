"""
id = "cancel.uncancel-basic"
clauses = ["cancel.uncancel.count"]
features = ["uncancel"]
description = "uncancel() decrements cancelling() and returns the new count; it never goes below zero."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("child swallowed")
    me = asyncio.current_task()
    log("count in child", me.cancelling())
    log("uncancel", me.uncancel(), me.uncancel(), me.uncancel())
    log("count after", me.cancelling())
    return "ok"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    log("result", await t, t.cancelling())
    log("fresh task", asyncio.current_task().uncancel(), asyncio.current_task().cancelling())
