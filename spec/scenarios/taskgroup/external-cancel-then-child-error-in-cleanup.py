"""
id = "taskgroup.external-cancel-then-child-error-in-cleanup"
clauses = ["taskgroup.cancel.child-error-during-abort-wins"]
features = ["taskgroup", "exception-groups"]
description = "The parent is cancelled from outside; while the body's cancel handler still awaits, a child fails: the group raises an ExceptionGroup of the child's error instead of the CancelledError."
"""
import asyncio


class Boom(Exception):
    pass


async def crash_soon():
    await asyncio.sleep(0.3)
    log("child raising")
    raise Boom("child")


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("body cleanup")
            await asyncio.sleep(0.5)
            log("body re-raises")
            raise


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        log("group", eg)
    log("runner cancelled", r.cancelled())
