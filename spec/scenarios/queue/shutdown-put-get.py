"""
id = "queue.shutdown-put-get"
clauses = ["queue.shutdown.put-raises", "queue.shutdown.get-drains"]
features = ["queue", "queue-shutdown"]
description = "After shutdown() (not immediate), put() and put_nowait() raise QueueShutDown, while get() and get_nowait() still return the remaining items and raise QueueShutDown only once the queue is empty."
min_version = "3.13"
"""
import asyncio


async def main():
    q = asyncio.Queue()
    q.put_nowait(1)
    q.put_nowait(2)
    q.shutdown()
    try:
        q.put_nowait(3)
    except asyncio.QueueShutDown as e:
        log("put_nowait", e)
    try:
        await q.put(3)
    except asyncio.QueueShutDown as e:
        log("put", e)
    log("get", await q.get(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueShutDown as e:
        log("get_nowait on empty", e)
    try:
        await q.get()
    except asyncio.QueueShutDown as e:
        log("get on empty", e)
