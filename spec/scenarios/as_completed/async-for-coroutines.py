"""
id = "as_completed.async-for-coroutines"
clauses = ["as_completed.async.yields-originals", "as_completed.inputs.wrapping-time"]
features = ["as-completed-async", "task-names"]
min_version = "3.13"
description = "async for over as_completed with coroutine inputs yields the implicitly created tasks, done, in completion order."
"""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    async for t in asyncio.as_completed([job("x", 0.2), job("y", 0.1)]):
        log("got", t.done(), t.result())
