"""
id = "queue.put-cancel-passes-wakeup"
clauses = ["queue.put.cancel-passes-wakeup"]
features = ["queue"]
description = "A putter woken by get_nowait() but cancelled before it resumes does not put its item: it passes the wakeup to the next putter, whose item goes in."
"""
import asyncio


async def producer(q, item):
    try:
        await q.put(item)
        log("put done", item)
    except asyncio.CancelledError:
        log("cancelled", item, q.qsize())
        raise


async def main():
    q = asyncio.Queue(1)
    q.put_nowait("x")
    a = asyncio.create_task(producer(q, "a"))
    b = asyncio.create_task(producer(q, "b"))
    await asyncio.sleep(0)
    log("took", q.get_nowait())
    a.cancel()
    for t in [a, b]:
        try:
            await t
        except asyncio.CancelledError:
            pass
    log("queue", q.get_nowait(), q.empty())
