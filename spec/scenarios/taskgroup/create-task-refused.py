"""
id = "taskgroup.create-task-refused"
clauses = ["taskgroup.create-task.refused"]
features = ["taskgroup", "exception-groups"]
description = "create_task raises RuntimeError before the group is entered, while it is shutting down after a child error, and after it has finished."
"""
import asyncio


class Boom(Exception):
    pass


async def job():
    return 1


async def bad():
    raise Boom()


async def dispose(c):
    try:
        await c
    except RuntimeError:
        pass


async def main():
    tg = asyncio.TaskGroup()
    c1 = job()
    try:
        tg.create_task(c1)
    except RuntimeError as e:
        log("not entered", e)
    await dispose(c1)
    try:
        async with tg:
            tg.create_task(bad())
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                c2 = job()
                try:
                    tg.create_task(c2)
                except RuntimeError as e:
                    log("shutting down", e)
                await dispose(c2)
                raise
    except ExceptionGroup as eg:
        log("group", eg)
    c3 = job()
    try:
        tg.create_task(c3)
    except RuntimeError as e:
        log("finished", e)
    await dispose(c3)
