"""
id = "shield.iterations"
clauses = ["shield.timing.two-iterations"]
features = ["shield", "call-soon"]
description = "The task awaiting a shield resumes two iterations after the inner task's final step."
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
    log("resumed", await asyncio.shield(t))
