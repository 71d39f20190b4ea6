"""
id = "semaphore.fifo-waiters"
clauses = ["semaphore.acquire.fifo", "semaphore.release.wakes-one"]
features = ["semaphore", "call-soon"]
description = "Tasks blocked in acquire() are served in FIFO order; each release() wakes one waiter, which resumes in the next iteration (ticker)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def worker(sem, name):
    await sem.acquire()
    log("got", name)


async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(worker(sem, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    sem.release()
    log("released once")
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    log("released twice")
    for t in ts:
        await t
    log("locked", sem.locked())
