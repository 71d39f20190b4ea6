"""
id = "semaphore.fifo-two-rounds"
clauses = ["semaphore.acquire.fifo"]
features = ["semaphore", "taskgroup"]
description = "Three tasks each take a Semaphore(1) twice, sleeping while holding it: the releases hand it on in strict FIFO order, so every task gets its first turn before any gets its second."
"""
import asyncio


async def coro(sem, tag):
    await sem.acquire()
    log("acquired", tag, 1)
    await asyncio.sleep(0.01)
    sem.release()
    await sem.acquire()
    log("acquired", tag, 2)
    await asyncio.sleep(0.01)
    sem.release()


async def main():
    sem = asyncio.Semaphore(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(coro(sem, "c1"))
        tg.create_task(coro(sem, "c2"))
        tg.create_task(coro(sem, "c3"))
