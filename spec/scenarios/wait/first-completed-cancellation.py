"""
id = "wait.first-completed-cancellation"
clauses = ["wait.return-when.first-completed"]
features = ["wait"]
description = "For FIRST_COMPLETED a cancelled input counts as completed."
"""
import asyncio


async def job(d):
    await asyncio.sleep(d)


async def canceller(t):
    await asyncio.sleep(0.1)
    t.cancel()


async def main():
    a = asyncio.create_task(job(5))
    b = asyncio.create_task(job(6))
    c = asyncio.create_task(canceller(a))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    log("returned", len(done), a in done, a.cancelled(), b in pending)
    b.cancel()
