"""
id = "semaphore.cancel-waiting"
clauses = ["semaphore.cancel.waiter-removed"]
features = ["semaphore"]
description = "A task cancelled while blocked in acquire() (not yet woken) is removed from the queue without consuming a unit: two later release() calls go to the next two waiters."
"""
import asyncio


async def worker(sem, name):
    try:
        await sem.acquire()
        log("got", name)
    except asyncio.CancelledError:
        log("cancelled", name)
        raise


async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(worker(sem, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    ts[0].cancel()
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    for t in ts:
        try:
            await t
        except asyncio.CancelledError:
            pass
    log("locked", sem.locked())
