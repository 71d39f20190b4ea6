"""
id = "wait_for.timeout-iterations"
clauses = ["wait_for.timing.iterations", "wait_for.timeout.cancels-and-raises"]
features = ["wait-for", "call-soon"]
description = "Iterations between the inner task's final step (re-raising the timeout's CancelledError) and TimeoutError reaching the caller."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("child cancelled")
        asyncio.get_running_loop().call_soon(tick, 1)
        raise


async def main():
    t = asyncio.create_task(child())
    try:
        await asyncio.wait_for(t, 1)
    except asyncio.TimeoutError:
        log("timeout")
