"""
id = "taskgroup.error-collection-order"
clauses = ["taskgroup.errors.completion-order"]
features = ["taskgroup", "exception-groups"]
description = "Errors are collected in child completion order, not creation order; a sibling that raises while being cancelled adds its error; the body's own error comes last."
"""
import asyncio


class First(Exception):
    pass


class Second(Exception):
    pass


class OnCancel(Exception):
    pass


class FromBody(Exception):
    pass


async def late():
    await asyncio.sleep(0)
    raise Second("created first, fails second")


async def early():
    raise First("created second, fails first")


async def cleanup_fails():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        raise OnCancel("raised while cancelled")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(late())
            tg.create_task(early())
            tg.create_task(cleanup_fails())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                raise FromBody("body")
    except ExceptionGroup as eg:
        log("errors", eg.exceptions)
