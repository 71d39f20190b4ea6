"""
id = "cancel.race-child-done-awaiter-cancelled"
clauses = ["cancel.race.after-wakeup-scheduled", "tasks.await.resumes-next-iteration"]
features = ["call-soon"]
description = "The awaiter is cancelled in the same iteration in which the awaited task finishes: the awaiter gets CancelledError, the child's result is kept on the child."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    log("child returns")
    asyncio.get_running_loop().call_soon(cancel_awaiter)
    return "child result"


def cancel_awaiter():
    log("cancel awaiter", AWAITER.cancel())


AWAITER = None


async def awaiter(t):
    try:
        r = await t
        log("awaiter got", r)
    except asyncio.CancelledError:
        log("awaiter cancelled")
        raise


async def main():
    global AWAITER
    t = asyncio.create_task(child())
    AWAITER = asyncio.create_task(awaiter(t))
    try:
        await AWAITER
    except asyncio.CancelledError:
        log("main sees awaiter cancelled", AWAITER.cancelled())
    log("child", t.done(), t.cancelled(), t.result())
