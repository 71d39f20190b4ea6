"""
id = "futures.await-done-no-suspend"
clauses = ["futures.await.done-no-suspend", "futures.await.outcome"]
features = ["futures", "call-soon"]
description = "Awaiting a future that is already done returns its result without suspending: no loop iteration passes (a ticker does not advance)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    loop.call_soon(tick, 0)
    r1 = await fut
    r2 = await fut
    log("awaited twice", r1, r2)
    await asyncio.sleep(0)
    log("after sleep(0)")
