"""
id = "queue.sizes"
clauses = ["queue.maxsize.unbounded", "queue.size.qsize-empty-full"]
features = ["queue"]
description = "maxsize <= 0 means unbounded (full() never True); with maxsize 2, full() is True at 2 items; qsize() and empty() follow puts and gets."
"""
import asyncio


async def main():
    for m in [0, -1]:
        q = asyncio.Queue(m)
        for i in range(100):
            q.put_nowait(i)
        log("maxsize", q.maxsize, "qsize", q.qsize(), "full", q.full())
    q = asyncio.Queue(2)
    log("empty", q.empty(), q.qsize(), q.full())
    await q.put("a")
    log("one", q.empty(), q.qsize(), q.full())
    await q.put("b")
    log("two", q.empty(), q.qsize(), q.full())
    await q.get()
    log("after get", q.qsize(), q.full(), q.maxsize)
