"""
id = "as_completed.coroutine-inputs"
clauses = ["as_completed.inputs.wrapping-time"]
features = ["as-completed"]
description = "When is a coroutine input wrapped in a task: at the first advance of the iterator (3.11, 3.12: as_completed is a generator) or when as_completed() is called (3.13+)."
"""
import asyncio


async def job(name, d):
    log("start", name)
    await asyncio.sleep(d)
    return name


async def main():
    it = asyncio.as_completed([job("x", 0.2)])
    log("created")
    await asyncio.sleep(0.05)
    log("iterating")
    for f in it:
        log("next", await f)
