"""
id = "semaphore.reacquire-behind-waiters"
clauses = ["semaphore.acquire.fifo", "semaphore.locked.fifo"]
features = ["semaphore", "gather"]
description = "Three tasks wait on Semaphore(1); two releases wake the first two; the second releases and at once acquires again: it queues behind the third waiter instead of retaking its own unit."
"""
import asyncio


async def c1(sem):
    await sem.acquire()
    log("acquired", 1)


async def c2(sem):
    await sem.acquire()
    log("acquired", 2)
    sem.release()
    log("locked after release", sem.locked())
    await sem.acquire()
    log("acquired", 4)


async def c3(sem):
    await sem.acquire()
    log("acquired", 3)


async def main():
    sem = asyncio.Semaphore(1)
    t1 = asyncio.create_task(c1(sem))
    t2 = asyncio.create_task(c2(sem))
    t3 = asyncio.create_task(c3(sem))
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(t1, t2, t3)
