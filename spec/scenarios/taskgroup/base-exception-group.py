"""
id = "taskgroup.base-exception-group"
clauses = ["taskgroup.errors.exception-group"]
features = ["taskgroup", "exception-groups"]
description = "If any collected error is not an Exception (a BaseException subclass), the group raises BaseExceptionGroup instead of ExceptionGroup."
"""
import asyncio


class Fatal(BaseException):
    pass


class Boom(Exception):
    pass


async def fatal():
    await asyncio.sleep(0.1)
    raise Fatal("base")


async def cleanup_fails():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        raise Boom("ordinary")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fatal())
            tg.create_task(cleanup_fails())
    except BaseExceptionGroup as eg:
        log("group", eg, isinstance(eg, ExceptionGroup))
