"""
id = "taskgroup.parent-cancelled-in-body"
clauses = ["taskgroup.cancel.parent-cancel-in-body"]
features = ["taskgroup", "cancel-msg", "uncancel"]
description = "An external cancel of the parent while the body is suspended cancels the children; the group re-raises the body's CancelledError (with the message) and the parent ends cancelled."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("child cancelled")
        raise


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job())
            await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        log("parent got", e, asyncio.current_task().cancelling())
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(1)
    p.cancel("outside")
    try:
        await p
    except asyncio.CancelledError:
        log("parent cancelled", p.cancelled())
