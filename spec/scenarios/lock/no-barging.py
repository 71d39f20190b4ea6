"""
id = "lock.no-barging"
clauses = ["lock.acquire.no-barging"]
features = ["lock"]
description = "After release() wakes a waiter, locked() is False until that waiter runs, yet the releasing task calling acquire() again in that window queues behind the woken waiter instead of taking the lock back."
"""
import asyncio


async def worker(lock):
    await lock.acquire()
    log("worker got it")
    await asyncio.sleep(0)
    log("worker releases")
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(worker(lock))
    await asyncio.sleep(0)
    lock.release()
    log("after release", lock.locked())
    await lock.acquire()
    log("main got it back", lock.locked())
    lock.release()
    await w
