"""
id = "lock.fifo-waiters"
clauses = ["lock.acquire.fifo", "lock.release.wakes-one"]
features = ["lock", "call-soon"]
description = "Blocked acquirers get the lock in the order they called acquire(); each release() wakes exactly one, which resumes in the next iteration (ticker)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def worker(lock, name):
    await lock.acquire()
    log("got", name)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    ts = [asyncio.create_task(worker(lock, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    lock.release()
    log("released by main")
    await asyncio.sleep(0)
    lock.release()
    log("released after a")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("locked", lock.locked())
