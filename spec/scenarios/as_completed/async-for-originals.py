"""
id = "as_completed.async-for-originals"
clauses = ["as_completed.async.yields-originals"]
features = ["as-completed-async"]
min_version = "3.13"
description = "async for over as_completed yields the original tasks, already done, in completion order."
"""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    a = asyncio.create_task(job("a", 0.2), name="A")
    b = asyncio.create_task(job("b", 0.1), name="B")
    async for t in asyncio.as_completed([a, b]):
        log("got", t.get_name(), t.done(), t is a or t is b, t.result())
