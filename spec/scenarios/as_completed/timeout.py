"""
id = "as_completed.timeout"
clauses = ["as_completed.timeout.remaining-raise", "as_completed.inputs.not-cancelled"]
features = ["as-completed"]
description = "With a timeout, every awaitable left when it fires raises TimeoutError; the unfinished inputs are not cancelled."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(job(0.1))
    b = asyncio.create_task(job(2))
    c = asyncio.create_task(job(3))
    it = asyncio.as_completed([a, b, c], timeout=1)
    for f in it:
        try:
            log("next", await f)
        except asyncio.TimeoutError:
            log("timeout")
    log("inputs", b.cancelled(), c.cancelled(), b.done())
    log("b", await b)
    c.cancel()
