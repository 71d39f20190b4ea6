"""
id = "plain.lock-fifo"
clauses = ["lock.acquire.fifo"]
description = "Tasks blocked on a Lock acquire it in the order they started waiting."
"""
import asyncio


async def main():
    lock = asyncio.Lock()
    order = []

    async def critical(name):
        async with lock:
            order.append(name)
            await asyncio.sleep(0.1)

    await lock.acquire()
    tasks = []
    for name in ["first", "second", "third"]:
        tasks.append(asyncio.create_task(critical(name)))
        await asyncio.sleep(0)
    lock.release()
    await asyncio.gather(*tasks)
    log("order", order, lock.locked())
