"""
id = "queue.woken-getter-loses-item"
clauses = ["queue.get.recheck-after-wakeup"]
features = ["queue"]
description = "A getter woken by put_nowait() does not reserve the item: if get_nowait() takes it before the getter resumes, the getter finds the queue empty and waits again at the back, behind getters that were already waiting."
"""
import asyncio


async def consumer(q, name):
    item = await q.get()
    log("got", name, item)


async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(consumer(q, "a"))
    b = asyncio.create_task(consumer(q, "b"))
    await asyncio.sleep(0)
    q.put_nowait("one")
    log("stolen", q.get_nowait())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("a done", a.done())
    q.put_nowait("two")
    q.put_nowait("three")
    for t in [a, b]:
        await t
