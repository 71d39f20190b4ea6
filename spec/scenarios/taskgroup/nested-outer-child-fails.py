"""
id = "taskgroup.nested-outer-child-fails"
clauses = ["taskgroup.nested.outer-abort-cancels-inner"]
features = ["taskgroup", "exception-groups"]
description = "A child of the outer group fails while the body waits in a nested group: the inner group is aborted by the cancellation (its child cancelled, it raises CancelledError, not a group) and the outer group raises only the failing child's error."
"""
import asyncio


class Boom(Exception):
    pass


async def crash_after(t):
    try:
        await asyncio.sleep(t)
    except asyncio.CancelledError:
        log("cancelled", t)
        raise
    raise Boom(t)


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(0.1))
        try:
            async with asyncio.TaskGroup() as g2:
                g2.create_task(crash_after(10))
        except asyncio.CancelledError:
            log("inner group raised CancelledError")
            raise


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        log("group", eg)
