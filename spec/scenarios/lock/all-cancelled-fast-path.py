"""
id = "lock.all-cancelled-fast-path"
clauses = ["lock.acquire.all-cancelled-fast-path"]
features = ["lock"]
description = "When every queued waiter's future is already cancelled (its task cancelled but not yet run), acquire() on an unlocked lock takes the fast path without suspending."
"""
import asyncio


async def worker(lock):
    try:
        await lock.acquire()
        log("worker got the lock")
    except asyncio.CancelledError:
        log("worker cancelled", lock.locked())
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(worker(lock))
    await asyncio.sleep(0)
    w.cancel()
    lock.release()
    log("released", lock.locked())
    r = await lock.acquire()
    log("main acquired without waiting", r, lock.locked())
    await asyncio.sleep(0)
    log("worker done", w.cancelled())
    lock.release()
