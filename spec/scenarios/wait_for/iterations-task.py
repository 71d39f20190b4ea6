"""
id = "wait_for.iterations-task"
clauses = ["wait_for.timing.iterations"]
features = ["wait-for", "call-soon"]
description = "Iterations between a task's final step and the return of wait_for(task, 10) in the awaiter: 2 (3.11) or 1 (3.12+)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    await asyncio.sleep(0.1)
    log("child last step")
    asyncio.get_running_loop().call_soon(tick, 1)
    return 1


async def main():
    t = asyncio.create_task(child())
    r = await asyncio.wait_for(t, 10)
    log("resumed", r)
