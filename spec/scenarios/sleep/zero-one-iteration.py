"""
id = "sleep.zero-one-iteration"
clauses = ["sleep.zero.one-iteration"]
features = ["call-soon"]
description = "sleep(0) suspends for exactly one loop iteration: the handles ready before it run once, then the task resumes, at the same clock time."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    asyncio.get_running_loop().call_soon(tick, 0)
    await asyncio.sleep(0)
    log("after sleep 1")
    await asyncio.sleep(0)
    log("after sleep 2")
    await asyncio.sleep(0)
    log("after sleep 3")
