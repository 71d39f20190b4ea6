"""
id = "wait.iterations"
clauses = ["wait.timing.two-iterations"]
features = ["wait", "call-soon"]
description = "The task awaiting wait() resumes two iterations after the last input's final step."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 5:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    await asyncio.sleep(0.1)
    log("child step")
    asyncio.get_running_loop().call_soon(tick, 1)


async def main():
    t = asyncio.create_task(child())
    done, pending = await asyncio.wait([t])
    log("awaiter resumed", len(done))
