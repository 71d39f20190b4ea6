"""
id = "tasks.await-done-task"
clauses = ["tasks.await.done-no-suspend", "tasks.result.states"]
features = ["call-soon"]
description = "Awaiting a task that is already done returns its result at once, without an iteration passing."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    return "early"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    log("child done", t.done(), t.result())
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await t
    log("awaited", r)
    await asyncio.sleep(0)
    log("end")
