"""
id = "loop.iteration-snapshot"
clauses = ["loop.iteration.snapshot", "loop.call-soon.fifo"]
features = ["call-soon"]
description = "A handle scheduled by a running callback runs in the next iteration, after every handle that was ready when the current iteration started."
"""
import asyncio


def first():
    log("first")
    asyncio.get_running_loop().call_soon(log, "scheduled by first")


def second():
    log("second")
    asyncio.get_running_loop().call_soon(log, "scheduled by second")


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, 0)
    loop.call_soon(first)
    loop.call_soon(second)
    await asyncio.sleep(0)
    log("main after sleep(0)")
    await asyncio.sleep(0)
    log("main after second sleep(0)")
