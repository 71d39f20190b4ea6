"""
id = "sleep.nan-delay"
clauses = ["sleep.nan"]
features = ["call-soon"]
description = "sleep(NaN): 3.13+ reject it with ValueError before suspending; older versions accept it, treat the NaN timer as due at once and return after two iterations, the clock unchanged."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    big = 1e308 * 10
    nan = big - big
    asyncio.get_running_loop().call_soon(tick, 0)
    try:
        r = await asyncio.sleep(nan, "slept")
        log("returned", r)
    except ValueError as e:
        log("rejected", e)
