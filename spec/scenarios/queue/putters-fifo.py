"""
id = "queue.putters-fifo"
clauses = ["queue.put.fifo-putters", "queue.put.blocks-when-full"]
features = ["queue"]
description = "put() on a full queue blocks; blocked putters are woken in FIFO order, one per get_nowait(), so their items enter the queue in the order they started waiting."
"""
import asyncio


async def producer(q, item):
    await q.put(item)
    log("put done", item)


async def main():
    q = asyncio.Queue(1)
    q.put_nowait("x")
    ts = [asyncio.create_task(producer(q, item)) for item in ["a", "b", "c"]]
    await asyncio.sleep(0)
    log("blocked", [t.done() for t in ts], q.qsize())
    out = []
    for i in range(4):
        out.append(q.get_nowait())
        await asyncio.sleep(0)
    log("items", out, q.empty())
