"""
id = "lock.cancel-woken-passes-on"
clauses = ["lock.cancel.woken-passes-on"]
features = ["lock"]
description = "A waiter woken by release() but cancelled before it runs does not take the lock; it wakes the next waiter, which gets the lock one iteration later."
"""
import asyncio


async def worker(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log("cancelled", name, lock.locked())
        raise
    log("got", name)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(worker(lock, "a"))
    b = asyncio.create_task(worker(lock, "b"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    log("released and cancelled a")
    await asyncio.sleep(0)
    log("iteration 1")
    await asyncio.sleep(0)
    log("iteration 2", lock.locked())
    await b
