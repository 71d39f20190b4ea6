"""
id = "lock.cancel-waiting"
clauses = ["lock.cancel.waiter-removed"]
features = ["lock", "cancel-msg"]
description = "Cancelling a task blocked in acquire() (not yet woken) raises CancelledError in it and removes it from the queue: the next release() goes to the following waiter."
"""
import asyncio


async def worker(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError as e:
        log("cancelled", name, e)
        raise
    log("got", name)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(worker(lock, "a"))
    b = asyncio.create_task(worker(lock, "b"))
    await asyncio.sleep(0)
    a.cancel("drop a")
    await asyncio.sleep(0)
    log("locked", lock.locked())
    lock.release()
    await b
    log("a cancelled", a.cancelled(), "locked", lock.locked())
