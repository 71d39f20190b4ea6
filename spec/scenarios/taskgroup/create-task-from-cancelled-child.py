"""
id = "taskgroup.create-task-from-cancelled-child"
clauses = ["taskgroup.create-task.refused", "taskgroup.create-task.refused-closes-coroutine"]
features = ["taskgroup", "exception-groups"]
description = "A child being cancelled because a sibling failed calls create_task on the group from its cancel handler: RuntimeError (the group is shutting down); the group raises only the sibling's error. The refused coroutine is closed in 3.13+; in 3.11/3.12 awaiting it runs it."
"""
import asyncio


class Boom(Exception):
    pass


async def coro1():
    await asyncio.sleep(0.001)
    raise Boom("first")


async def spare():
    log("spare ran")


async def coro2(g):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        c = spare()
        try:
            g.create_task(c)
        except RuntimeError as e:
            log("refused", e)
            try:
                await c
            except RuntimeError:
                pass


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        log("group", eg)
