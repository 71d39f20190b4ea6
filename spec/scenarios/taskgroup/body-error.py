"""
id = "taskgroup.body-error"
clauses = ["taskgroup.abort.body-error-cancels-children", "taskgroup.errors.cancelled-not-error"]
features = ["taskgroup", "exception-groups"]
description = "An exception raised by the body cancels the children and is raised inside an ExceptionGroup; the cancelled children add nothing."
"""
import asyncio


class Boom(Exception):
    pass


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("child cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(job())
            await asyncio.sleep(0.1)
            raise Boom("body")
    except ExceptionGroup as eg:
        log("group", eg, t.cancelled())
