"""
id = "queue.put-wakes-getter"
clauses = ["queue.get.blocks-until-put", "queue.put.wakes-getter"]
features = ["queue", "call-soon"]
description = "get() on an empty queue blocks; put_nowait() hands the wakeup to the blocked getter, which resumes with the item one iteration later (ticker); get() on a non-empty queue does not suspend."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def consumer(q):
    item = await q.get()
    log("got", item)


async def main():
    q = asyncio.Queue()
    t = asyncio.create_task(consumer(q))
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    q.put_nowait("first")
    log("put")
    await t
    q.put_nowait("second")
    asyncio.get_running_loop().call_soon(tick, 10)
    log("immediate", await q.get())
