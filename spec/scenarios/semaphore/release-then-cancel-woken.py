"""
id = "semaphore.release-then-cancel-woken"
clauses = ["semaphore.cancel.woken-passes-on"]
features = ["semaphore", "gather", "wait-for"]
description = "c1 holds Semaphore(1) while c2 waits; c1 releases (waking c2) and then cancels c2 before it resumes: c2 ends cancelled, the unit is not lost, and a later acquire succeeds at once."
"""
import asyncio


async def c1(sem, other):
    async with sem:
        await asyncio.sleep(0)
    other[0].cancel()


async def c2(sem):
    async with sem:
        log("c2 acquired")


async def main():
    sem = asyncio.Semaphore(1)
    other = [None]
    t1 = asyncio.create_task(c1(sem, other))
    t2 = asyncio.create_task(c2(sem))
    other[0] = t2
    r = await asyncio.gather(t1, t2, return_exceptions=True)
    log("results", r)
    log("locked", sem.locked())
    await asyncio.wait_for(sem.acquire(), timeout=1.0)
    log("acquired again", sem.locked())
