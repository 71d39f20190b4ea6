"""
id = "taskgroup.external-cancel-through-awaiting-task"
clauses = ["taskgroup.cancel.child-error-during-abort-wins"]
features = ["taskgroup", "exception-groups"]
description = "Cancelling a task that awaits the task running the group forwards the cancel; a child failing during the body's cleanup makes both tasks end with the ExceptionGroup."
"""
import asyncio


class Boom(Exception):
    pass


async def crash_soon():
    await asyncio.sleep(0.3)
    raise Boom("child")


async def nested_runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("body cleanup")
            await asyncio.sleep(0.5)
            raise


async def runner():
    t = asyncio.create_task(nested_runner())
    try:
        await t
    except ExceptionGroup as eg:
        log("runner sees", eg, t.cancelled())
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
