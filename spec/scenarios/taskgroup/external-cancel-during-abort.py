"""
id = "taskgroup.external-cancel-during-abort"
clauses = ["taskgroup.abort.parent-uncancelled", "taskgroup.cancel.external-preserved"]
features = ["taskgroup", "exception-groups", "uncancel", "cancel-msg"]
description = "An external cancel arrives while the group is already aborting after a child error: the group still raises ExceptionGroup; whether the external cancel is re-delivered at the parent's next await differs (lost in 3.11/3.12, re-delivered in 3.13+)."
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    await asyncio.sleep(0.1)
    raise Boom()


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("stubborn cleanup")
        await asyncio.sleep(0.3)


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad())
            tg.create_task(stubborn())
            await asyncio.sleep(5)
    except ExceptionGroup as eg:
        log("group", eg, asyncio.current_task().cancelling())
    try:
        await asyncio.sleep(1)
        log("next await completed")
    except asyncio.CancelledError as e:
        log("next await cancelled", e)
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(0.2)
    p.cancel("outside")
    try:
        await p
        log("parent returned")
    except asyncio.CancelledError:
        log("parent cancelled")
