"""
id = "semaphore.cancel-woken-passes-on"
clauses = ["semaphore.cancel.woken-passes-on"]
features = ["semaphore", "call-soon"]
description = "A waiter woken by release() but cancelled before it resumes gives its unit back and the next waiter gets it; the ticker pins the iteration in which b resumes."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def worker(sem, name):
    try:
        await sem.acquire()
        log("got", name)
    except asyncio.CancelledError:
        log("cancelled", name)
        raise


async def main():
    sem = asyncio.Semaphore(0)
    a = asyncio.create_task(worker(sem, "a"))
    b = asyncio.create_task(worker(sem, "b"))
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    sem.release()
    a.cancel()
    for t in [a, b]:
        try:
            await t
        except asyncio.CancelledError:
            pass
    log("locked", sem.locked())
