"""
id = "queue.getters-fifo"
clauses = ["queue.get.fifo-getters"]
features = ["queue"]
description = "Tasks blocked in get() are served in the order they started waiting: three puts in one go give the items to the getters in that order."
"""
import asyncio


async def consumer(q, name):
    item = await q.get()
    log("got", name, item)


async def main():
    q = asyncio.Queue()
    ts = [asyncio.create_task(consumer(q, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    for item in [1, 2, 3]:
        q.put_nowait(item)
    for t in ts:
        await t
    log("left", q.qsize())
