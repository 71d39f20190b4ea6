"""
id = "taskgroup.child-cancelled-not-error"
clauses = ["taskgroup.errors.cancelled-not-error"]
features = ["taskgroup"]
description = "A child cancelled on its own is not an error: the sibling and the body are unaffected and the group exits normally."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job(5))
        b = tg.create_task(job(0.2))
        await asyncio.sleep(0.1)
        a.cancel()
        await asyncio.sleep(0.05)
        log("body continues")
    log("after", a.cancelled(), b.result(), asyncio.current_task().cancelling())
