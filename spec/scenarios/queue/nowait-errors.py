"""
id = "queue.nowait-errors"
clauses = ["queue.nowait.full-empty"]
features = ["queue"]
description = "put_nowait on a full queue raises QueueFull and get_nowait on an empty queue raises QueueEmpty; neither changes the queue."
"""
import asyncio


async def main():
    q = asyncio.Queue(1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        log("get_nowait", e, q.qsize())
    q.put_nowait("x")
    try:
        q.put_nowait("y")
    except asyncio.QueueFull as e:
        log("put_nowait", e, q.qsize())
    log("item", q.get_nowait())
    try:
        asyncio.LifoQueue().get_nowait()
    except asyncio.QueueEmpty as e:
        log("lifo", e)
