"""
id = "wait.already-done"
clauses = ["wait.timing.always-suspends"]
features = ["wait", "futures", "call-soon"]
description = "wait() over inputs that are already done still suspends: the awaiter resumes two iterations later."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(1)
    loop.call_soon(tick, 1)
    done, pending = await asyncio.wait([f])
    log("resumed", len(done), len(pending))
