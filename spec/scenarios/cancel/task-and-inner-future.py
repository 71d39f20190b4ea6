"""
id = "cancel.task-and-inner-future"
clauses = ["cancel.forwarded-to-future", "cancel.task-and-awaited-future"]
features = ["futures", "uncancel"]
description = "A task awaiting a future; in one step the future is cancelled and then the task: the task ends cancelled (the CancelledError from the future is not swallowed by the second cancel) and the future is cancelled."
"""
import asyncio


async def task(f):
    try:
        await f
    except asyncio.CancelledError as e:
        log("task sees", e)
        raise
    return 12


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(task(f))
    await asyncio.sleep(0)
    log("cancel future", f.cancel())
    log("cancel task", t.cancel(), t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        log("caller sees CancelledError")
    log("states", t.done(), t.cancelled(), f.cancelled())
