"""
id = "gather.same-object-twice"
clauses = ["gather.args.dedup-same-object"]
features = ["gather"]
description = "The same task passed twice is one child: its body runs once and its result appears at both positions."
"""
import asyncio


async def child():
    log("child runs")
    await asyncio.sleep(0.1)
    return 7


async def other():
    return 8


async def main():
    t = asyncio.create_task(child())
    res = await asyncio.gather(t, other(), t)
    log("results", res)
