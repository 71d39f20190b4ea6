"""
id = "gather.already-done-inputs"
clauses = ["gather.timing.done-inputs"]
features = ["gather", "futures"]
description = "gather() over futures that are already done: whether the returned future is already complete when gather() returns (and how many iterations the await takes)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    f1.set_result("a")
    f2.set_result("b")
    loop.call_soon(tick, 1)
    g = asyncio.gather(f1, f2)
    log("gather done at once", g.done())
    log("result", await g)
