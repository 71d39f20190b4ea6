"""
id = "event.set-wakes-all"
clauses = ["event.set.wakes-all"]
features = ["event", "call-soon"]
description = "set() wakes every task blocked in wait(), in the order they started waiting; all resume in the next iteration (ticker) and wait() returns True."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def waiter(ev, name):
    r = await ev.wait()
    log("woke", name, r)


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    ev.set()
    log("set")
    for t in ts:
        await t
