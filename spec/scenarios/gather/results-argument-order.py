"""
id = "gather.results-argument-order"
clauses = ["gather.results.argument-order"]
features = ["gather"]
description = "Results come back in argument order although the children finish in the reverse order."
"""
import asyncio


async def child(name, delay):
    await asyncio.sleep(delay)
    log("finished", name)
    return name


async def main():
    res = await asyncio.gather(child("a", 0.3), child("b", 0.2), child("c", 0.1))
    log("results", res)
