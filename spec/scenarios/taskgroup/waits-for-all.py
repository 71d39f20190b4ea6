"""
id = "taskgroup.waits-for-all"
clauses = ["taskgroup.exit.waits-for-all"]
features = ["taskgroup"]
description = "Leaving the async with block waits until every child task is done; their results are available afterwards."
"""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    log("finished", name)
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 0.2))
        b = tg.create_task(job("b", 0.1))
        log("body done")
    log("after group", a.result(), b.result())
