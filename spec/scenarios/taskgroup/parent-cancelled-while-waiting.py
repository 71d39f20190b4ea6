"""
id = "taskgroup.parent-cancelled-while-waiting"
clauses = ["taskgroup.cancel.parent-cancel-while-waiting"]
features = ["taskgroup", "cancel-msg"]
description = "An external cancel of the parent while __aexit__ waits for a child cancels the child and propagates as a plain CancelledError (no group) with the message."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        log("child cancelled", e)
        raise


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job())
            log("body done")
    except asyncio.CancelledError as e:
        log("parent got", e)
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(1)
    p.cancel("outside")
    try:
        await p
    except asyncio.CancelledError:
        log("parent cancelled", p.cancelled())
