"""
id = "sleep.negative-one-iteration"
clauses = ["sleep.zero.one-iteration"]
features = ["call-soon"]
description = "sleep with a negative delay behaves exactly like sleep(0): one iteration, no timer, clock unchanged, result returned."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await asyncio.sleep(-1, "neg")
    log("after sleep(-1)", r)
    r = await asyncio.sleep(-0.5)
    log("after sleep(-0.5)", r)
