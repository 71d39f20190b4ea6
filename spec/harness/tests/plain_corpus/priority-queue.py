"""
id = "plain.priority-queue"
clauses = ["queue.order.priority"]
description = "PriorityQueue.get() returns the smallest item first."
"""
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    jobs = {"deploy": 3, "lint": 1, "test": 2, "build": 1}
    for name, prio in jobs.items():
        await pq.put((prio, name))
    out = []
    while not pq.empty():
        prio, name = await pq.get()
        out.append(f"{prio}:{name}")
    log("order", out)
