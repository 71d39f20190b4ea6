"""
id = "taskgroup.child-error-aborts"
clauses = ["taskgroup.abort.child-error-cancels-all", "taskgroup.errors.exception-group", "taskgroup.abort.parent-uncancelled"]
features = ["taskgroup", "exception-groups", "uncancel"]
description = "A failing child cancels its sibling and the parent body (CancelledError at its await); the group raises ExceptionGroup([Boom]) and the parent's cancelling() is back to 0."
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    await asyncio.sleep(0.1)
    raise Boom("child")


async def sibling():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("sibling cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad())
            s = tg.create_task(sibling())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("body cancelled")
                raise
    except ExceptionGroup as eg:
        log("group", eg)
    log("after", s.cancelled(), asyncio.current_task().cancelling())
    await asyncio.sleep(0.1)
    log("parent still usable")
