"""
id = "taskgroup.external-cancel-before-child-error"
clauses = ["taskgroup.cancel.child-error-during-abort-wins", "taskgroup.cancel.external-preserved"]
features = ["taskgroup", "exception-groups", "uncancel", "event"]
description = "The parent is cancelled from outside, and the child fails in the same abort: the group raises the child's ExceptionGroup; the parent's cancelling() stays 1 and its next await is cancelled in 3.13+."
"""
import asyncio


class Boom(Exception):
    pass


async def raise_error(ev):
    ev.set()
    await asyncio.sleep(0)
    raise Boom("child")


async def inner(ev):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_error(ev))
            await asyncio.sleep(1)
            log("not reached")
    except* Boom:
        log("group handled", asyncio.current_task().cancelling())
    log("after group", asyncio.current_task().cancelling())
    try:
        await asyncio.sleep(1)
        log("next await completed")
    except asyncio.CancelledError:
        log("next await cancelled")
        raise


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(inner(ev))
    await ev.wait()
    log("cancelling before", t.cancelling())
    t.cancel()
    log("cancelling after", t.cancelling())
    try:
        await t
        log("returned")
    except asyncio.CancelledError:
        log("task cancelled", t.cancelled())
