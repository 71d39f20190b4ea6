"""
id = "timeout.iterations"
clauses = ["timeout.timing.no-extra-iterations"]
features = ["timeout", "call-soon"]
description = "Awaiting a task inside timeout(10) resumes one iteration after the task's final step, like a plain await; the timeout adds no iterations."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    await asyncio.sleep(0.1)
    log("child last step")
    asyncio.get_running_loop().call_soon(tick, 1)
    return 1


async def main():
    t = asyncio.create_task(child())
    async with asyncio.timeout(10):
        r = await t
    log("resumed", r)
