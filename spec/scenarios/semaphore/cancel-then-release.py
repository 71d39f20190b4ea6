"""
id = "semaphore.cancel-then-release"
clauses = ["semaphore.cancel.waiter-removed", "semaphore.release.wakes-one"]
features = ["semaphore"]
description = "Semaphore(0) with two waiters: the first is cancelled and release() is called in the same step, before it runs: the unit goes to the second waiter, and the semaphore is locked again once it has acquired."
"""
import asyncio


async def main():
    sem = asyncio.Semaphore(0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("state", sem.locked(), t1.cancelled(), t2.done())
