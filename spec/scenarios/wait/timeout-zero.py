"""
id = "wait.timeout-zero"
clauses = ["wait.timeout.returns-pending", "wait.timing.always-suspends"]
features = ["wait", "call-soon"]
description = "wait(timeout=0) on a pending task suspends and returns it in pending; the ticker shows how many iterations that takes."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def job():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(job())
    asyncio.get_running_loop().call_soon(tick, 1)
    done, pending = await asyncio.wait([t], timeout=0)
    log("returned", len(done), t in pending)
    t.cancel()
