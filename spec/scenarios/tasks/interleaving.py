"""
id = "tasks.interleaving"
clauses = ["tasks.create.first-step-scheduled", "sleep.zero.one-iteration"]
features = []
description = "Tasks created in order a, b, c take their steps round-robin, one step per iteration each, in creation order."
"""
import asyncio


async def worker(name, steps):
    for i in range(steps):
        log(name, i)
        await asyncio.sleep(0)
    log(name, "end")


async def main():
    a = asyncio.create_task(worker("a", 3))
    b = asyncio.create_task(worker("b", 1))
    c = asyncio.create_task(worker("c", 2))
    await a
    await b
    await c
    log("all done")
