"""
id = "queue.order"
clauses = ["queue.order.fifo", "queue.order.lifo", "queue.order.priority"]
features = ["queue"]
description = "Queue returns items first-in first-out, LifoQueue last-in first-out, PriorityQueue smallest first (tuples compare element-wise)."
"""
import asyncio


async def drain(q):
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    return out


async def main():
    items = [(3, "c"), (1, "a"), (2, "b"), (1, "0")]
    for q in [asyncio.Queue(), asyncio.LifoQueue(), asyncio.PriorityQueue()]:
        for item in items:
            q.put_nowait(item)
        log("got", await drain(q))
