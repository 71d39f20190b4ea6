"""
id = "cancel.race-future-failed-then-cancel"
clauses = ["cancel.race.after-wakeup-scheduled", "cancel.message"]
features = ["futures", "call-soon", "cancel-msg"]
description = "A task whose awaited future failed but whose wakeup has not run yet is cancelled: CancelledError (with the cancel's message) replaces the future's exception in the task; the future keeps its exception."
"""
import asyncio


def fail_then_cancel(fut, task):
    fut.set_exception(ValueError("boom"))
    log("cancel after set_exception", task.cancel("late"))


async def child(fut):
    try:
        r = await fut
        log("child got", r)
    except ValueError as e:
        log("child got the future's error", e)
        return "error"
    except asyncio.CancelledError as e:
        log("child cancelled", e)
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    loop.call_soon(fail_then_cancel, fut, t)
    try:
        log("main got", await t)
    except asyncio.CancelledError as e:
        log("main caught", e)
    log("future kept its exception", fut.exception(), t.cancelled(), t.cancelling())
