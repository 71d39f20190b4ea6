"""
id = "queue.shutdown-immediate"
clauses = ["queue.shutdown.immediate"]
features = ["queue", "queue-shutdown"]
description = "shutdown(immediate=True) discards the queued items, counting each as task_done (join() waiters resume), and get() then raises QueueShutDown at once."
min_version = "3.13"
"""
import asyncio


async def joiner(q):
    await q.join()
    log("joined")


async def main():
    q = asyncio.Queue()
    q.put_nowait(1)
    q.put_nowait(2)
    q.put_nowait(3)
    q.get_nowait()
    j = asyncio.create_task(joiner(q))
    await asyncio.sleep(0)
    q.shutdown(immediate=True)
    log("after shutdown", q.qsize(), q.empty())
    try:
        await q.get()
    except asyncio.QueueShutDown as e:
        log("get", e)
    await asyncio.sleep(0)
    log("join done", j.done())
    q.task_done()
    await j
    log("task_done for the item taken before shutdown")
