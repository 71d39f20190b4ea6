"""
id = "queue.get-cancel-passes-wakeup"
clauses = ["queue.get.cancel-passes-wakeup"]
features = ["queue", "call-soon"]
description = "A getter woken by put_nowait() but cancelled before it resumes does not take the item: it passes the wakeup to the next getter, which gets the item one iteration later."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def consumer(q, name):
    try:
        item = await q.get()
        log("got", name, item)
    except asyncio.CancelledError:
        log("cancelled", name, q.qsize())
        raise


async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(consumer(q, "a"))
    b = asyncio.create_task(consumer(q, "b"))
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    q.put_nowait("item")
    a.cancel()
    for t in [a, b]:
        try:
            await t
        except asyncio.CancelledError:
            pass
    log("left", q.qsize())
