"""
id = "taskgroup.exit-iterations"
clauses = ["taskgroup.timing.exit-two-iterations"]
features = ["taskgroup", "call-soon"]
description = "A body waiting in __aexit__ resumes two iterations after the last child's final step."
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


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child())
    log("group exited")
