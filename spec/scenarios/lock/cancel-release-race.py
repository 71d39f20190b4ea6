"""
id = "lock.cancel-release-race"
clauses = ["lock.cancel.waiter-removed", "lock.release.wakes-one"]
features = ["lock", "call-soon"]
description = "Three tasks wait for a held lock; one callback cancels the first waiter and then releases the lock: only the second waiter acquires it (one acquisition for one release), the third keeps waiting."
"""
import asyncio


async def lockit(lock, name):
    log("acquiring", name)
    await lock.acquire()
    log("acquired", name)


def trigger(lock, t1):
    t1.cancel()
    lock.release()


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    await lock.acquire()
    t1 = asyncio.create_task(lockit(lock, 1))
    t2 = asyncio.create_task(lockit(lock, 2))
    t3 = asyncio.create_task(lockit(lock, 3))
    await asyncio.sleep(0)
    loop.call_soon(trigger, lock, t1)
    try:
        await t1
    except asyncio.CancelledError:
        log("t1 cancelled")
    await asyncio.sleep(0)
    log("states", t1.cancelled(), t2.done(), t3.done(), lock.locked())
    t3.cancel()
    await asyncio.sleep(0)
    log("t3", t3.cancelled())
