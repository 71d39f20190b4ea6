"""
id = "barrier.single-party"
clauses = ["barrier.wait.index", "barrier.wait.cyclic"]
features = ["barrier", "call-soon"]
description = "Barrier(1): every wait() is the last arrival, returns index 0 and never blocks on other tasks; the ticker shows how many iterations a pass takes."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    b = asyncio.Barrier(1)
    asyncio.get_running_loop().call_soon(tick, 0)
    r1 = await b.wait()
    log("first", r1)
    r2 = await b.wait()
    log("second", r2, b.n_waiting)
