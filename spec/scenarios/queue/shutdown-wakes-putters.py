"""
id = "queue.shutdown-wakes-putters"
clauses = ["queue.shutdown.wakes-blocked", "queue.shutdown.put-raises"]
features = ["queue", "queue-shutdown"]
description = "shutdown() wakes every task blocked in put() on a full queue; each raises QueueShutDown and its item is not added; the items already queued stay gettable."
min_version = "3.13"
"""
import asyncio


async def producer(q, item):
    try:
        await q.put(item)
        log("put", item)
    except asyncio.QueueShutDown as e:
        log("shut down", item, e)


async def main():
    q = asyncio.Queue(1)
    q.put_nowait("x")
    ts = [asyncio.create_task(producer(q, item)) for item in ["a", "b"]]
    await asyncio.sleep(0)
    q.shutdown()
    for t in ts:
        await t
    log("remaining", q.qsize(), q.get_nowait())
