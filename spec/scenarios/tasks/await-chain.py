"""
id = "tasks.await-chain"
clauses = ["tasks.await.resumes-next-iteration", "tasks.await.chain"]
features = ["call-soon"]
description = "In a chain of tasks each awaiting the next, every level resumes one iteration after the level below finished."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 5:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def leaf():
    log("leaf runs")
    return 1


async def middle():
    r = await asyncio.create_task(leaf())
    log("middle resumed", r)
    return r + 1


async def top():
    r = await asyncio.create_task(middle())
    log("top resumed", r)
    return r + 1


async def main():
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await asyncio.create_task(top())
    log("main resumed", r)
