"""
id = "cancel.race-future-done-then-cancel"
clauses = ["cancel.race.after-wakeup-scheduled"]
features = ["futures", "call-soon"]
description = "A task whose awaited future completed but whose wakeup has not run yet is cancelled: CancelledError replaces the future's result in the task."
"""
import asyncio


def complete_then_cancel(fut, task):
    fut.set_result("value")
    log("cancel after set_result", task.cancel("late"))


async def child(fut):
    try:
        r = await fut
        log("child got", r)
    except asyncio.CancelledError as e:
        log("child cancelled", e)
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    loop.call_soon(complete_then_cancel, fut, t)
    try:
        await t
    except asyncio.CancelledError as e:
        log("main caught", e)
    log("future kept its result", fut.result(), t.cancelled())
