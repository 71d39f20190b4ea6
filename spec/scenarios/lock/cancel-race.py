"""
id = "lock.cancel-race"
clauses = ["lock.cancel.waiter-removed", "lock.release.wakes-one"]
features = ["lock", "futures"]
description = "A holds the lock, B and C wait; in one step A is allowed to finish (it releases the lock when it resumes) and B is cancelled: the release skips B's cancelled waiter and C gets the lock."
"""
import asyncio


async def lockit(lock, name, blocker):
    await lock.acquire()
    log("acquired", name)
    try:
        if blocker is not None:
            await blocker
    finally:
        lock.release()
        log("released", name)


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    fa = loop.create_future()
    ta = asyncio.create_task(lockit(lock, "A", fa))
    await asyncio.sleep(0)
    tb = asyncio.create_task(lockit(lock, "B", None))
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit(lock, "C", None))
    await asyncio.sleep(0)
    fa.set_result(None)
    tb.cancel()
    await asyncio.sleep(0)
    log("after one step", lock.locked(), ta.done(), tb.cancelled())
    await tc
    log("end", lock.locked(), tb.cancelled())
