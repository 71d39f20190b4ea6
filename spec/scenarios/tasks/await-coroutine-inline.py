"""
id = "tasks.await-coroutine-inline"
clauses = ["tasks.await.coroutine-inline"]
features = ["call-soon"]
description = "Awaiting a coroutine directly (not a task) runs it inside the current task's step: no new task, no iteration passes unless the coroutine itself suspends."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def helper(x):
    log("helper in", asyncio.current_task().get_name())
    return x * 2


async def main():
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await helper(21)
    log("result", r, len(asyncio.all_tasks()))
    await asyncio.sleep(0)
    log("after sleep(0)")
