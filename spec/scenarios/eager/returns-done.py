"""
id = "eager.returns-done"
clauses = ["eager.start.returns-done", "eager.start.await-done-no-suspend"]
features = ["eager-tasks", "call-soon"]
min_version = "3.12"
description = "A coroutine that finishes without suspending makes create_task return a task that is already done with its result; awaiting it does not suspend."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    log("child runs")
    return 42


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    loop.call_soon(tick, 1)
    t = asyncio.create_task(child())
    log("returned", t.done(), t.result())
    log("awaited", await t)
