"""
id = "as_completed.duplicates"
clauses = ["as_completed.inputs.deduplicated"]
features = ["as-completed"]
description = "An input passed twice is one input: plain iteration yields one awaitable per distinct input."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(job(0.1))
    b = asyncio.create_task(job(0.2))
    n = 0
    it = asyncio.as_completed([a, b, a])
    for f in it:
        log("next", await f)
        n += 1
    log("count", n)
