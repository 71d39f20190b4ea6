"""
id = "queue.put-cancel-waiting"
clauses = ["queue.put.cancel-waiting-removed", "queue.put.fifo-putters"]
features = ["queue"]
description = "Queue(1) with a second and a third putter blocked: the third is cancelled before any get; its item never enters the queue and the second putter's item follows the first."
"""
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put("a"))
    put_b = asyncio.create_task(q.put("b"))
    put_c = asyncio.create_task(q.put("X"))
    await asyncio.sleep(0)
    log("after start", put_a.done(), put_b.done(), put_c.done())
    put_c.cancel()
    await asyncio.sleep(0)
    log("c", put_c.done(), put_c.cancelled())
    log("get", q.get_nowait())
    await asyncio.sleep(0)
    log("get", q.get_nowait())
    await put_b
    log("end", q.qsize(), put_b.done())
