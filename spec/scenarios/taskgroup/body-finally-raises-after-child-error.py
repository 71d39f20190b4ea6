"""
id = "taskgroup.body-finally-raises-after-child-error"
clauses = ["taskgroup.errors.completion-order"]
features = ["taskgroup", "exception-groups", "uncancel"]
description = "A child error cancels the body; the body's finally raises its own exception: the group collects both, the child's error first and the body's last."
"""
import asyncio


class Boom(Exception):
    pass


async def crash_soon():
    await asyncio.sleep(0.1)
    raise Boom("child")


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
        log("group", eg)
    log("cancelling", asyncio.current_task().cancelling())
