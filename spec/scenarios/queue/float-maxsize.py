"""
id = "queue.float-maxsize"
clauses = ["queue.maxsize.float"]
features = ["queue"]
description = "Queue(maxsize=1.3): full() compares qsize() >= maxsize, so the queue takes two items (put_nowait or put) before it is full, and a third put_nowait raises QueueFull."
"""
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1.3)
    q.put_nowait(1)
    log("one", q.full())
    q.put_nowait(2)
    log("two", q.full(), q.maxsize)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull as e:
        log("third", e)
    q2 = asyncio.Queue(maxsize=1.3)
    await q2.put(1)
    await q2.put(2)
    log("awaited puts", q2.full(), q2.qsize())
