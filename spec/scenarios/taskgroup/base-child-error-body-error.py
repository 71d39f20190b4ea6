"""
id = "taskgroup.base-child-error-body-error"
clauses = ["taskgroup.errors.exception-group"]
features = ["taskgroup", "exception-groups"]
description = "A child raises a BaseException subclass (not an Exception) and the body then raises an Exception in its finally: the group raises a BaseExceptionGroup holding both."
"""
import asyncio


class BaseBoom(BaseException):
    pass


class Boom(Exception):
    pass


async def crash_soon():
    await asyncio.sleep(0.1)
    raise BaseBoom("child")


async def nested():
    try:
        await asyncio.sleep(10)
    finally:
        raise Boom("body")


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(crash_soon())
            await nested()
    except ExceptionGroup as eg:
        log("exception group", eg)
    except BaseExceptionGroup as beg:
        log("base exception group", beg)
