"""
id = "as_completed.async-for-timeout"
clauses = ["as_completed.async.timeout-raises", "as_completed.inputs.not-cancelled"]
features = ["as-completed-async"]
min_version = "3.13"
description = "In async for, a timeout makes the iteration itself raise TimeoutError after the inputs done in time were yielded; the rest are not cancelled."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(job(0.1))
    b = asyncio.create_task(job(2))
    try:
        async for t in asyncio.as_completed([a, b], timeout=1):
            log("got", t.result())
    except asyncio.TimeoutError:
        log("timeout")
    log("b", b.cancelled(), b.done())
    log("b result", await b)
