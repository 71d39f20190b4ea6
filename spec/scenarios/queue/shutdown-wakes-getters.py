"""
id = "queue.shutdown-wakes-getters"
clauses = ["queue.shutdown.wakes-blocked"]
features = ["queue", "queue-shutdown", "call-soon"]
description = "shutdown() wakes every task blocked in get() on the empty queue; each raises QueueShutDown one iteration later (ticker)."
min_version = "3.13"
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def consumer(q, name):
    try:
        await q.get()
    except asyncio.QueueShutDown as e:
        log("shut down", name, e)


async def main():
    q = asyncio.Queue()
    ts = [asyncio.create_task(consumer(q, name)) for name in ["a", "b"]]
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    q.shutdown()
    log("shutdown called")
    for t in ts:
        await t
