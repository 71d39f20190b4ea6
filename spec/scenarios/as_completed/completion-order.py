"""
id = "as_completed.completion-order"
clauses = ["as_completed.plain.completion-order", "as_completed.plain.new-awaitables"]
features = ["as-completed"]
description = "Plain iteration yields one awaitable per input; awaiting them in turn gives the results in completion order, and none of them is one of the input tasks."
"""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    a = asyncio.create_task(job("a", 0.3))
    b = asyncio.create_task(job("b", 0.1))
    c = asyncio.create_task(job("c", 0.2))
    it = asyncio.as_completed([a, b, c])
    for f in it:
        log("is an input", f is a or f is b or f is c)
        log("next", await f)
