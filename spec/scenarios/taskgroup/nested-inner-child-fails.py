"""
id = "taskgroup.nested-inner-child-fails"
clauses = ["taskgroup.nested.inner-group-is-body-error"]
features = ["taskgroup", "exception-groups"]
description = "A child of the inner group fails: the inner group raises its ExceptionGroup out of the outer body, which aborts the outer group (its child cancelled) and is nested inside the outer ExceptionGroup."
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
        g1.create_task(crash_after(10))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(0.1))


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        log("group", eg)
