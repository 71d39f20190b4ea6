"""
id = "wait.timeout-no-raise"
clauses = ["wait.timeout.returns-pending", "wait.never-cancels"]
features = ["wait"]
description = "On timeout wait() returns normally with the unfinished inputs in pending; it raises no TimeoutError and does not cancel them."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    log("job finished", d)
    return d


async def main():
    a = asyncio.create_task(job(0.1))
    b = asyncio.create_task(job(1))
    done, pending = await asyncio.wait([a, b], timeout=0.5)
    log("returned", a in done, b in pending, b.cancelled())
    log("b", await b)
