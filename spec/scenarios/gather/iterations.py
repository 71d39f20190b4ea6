"""
id = "gather.iterations"
clauses = ["gather.timing.two-iterations"]
features = ["gather", "call-soon"]
description = "The task awaiting gather resumes two loop iterations after the last child's final step."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 5:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    log("child step")
    asyncio.get_running_loop().call_soon(tick, 1)
    return 1


async def main():
    g = asyncio.gather(child())
    log("gather created")
    res = await g
    log("awaiter resumed", res)
