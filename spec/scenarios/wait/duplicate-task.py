"""
id = "wait.duplicate-task"
clauses = ["wait.result.done-pending-sets"]
features = ["wait"]
description = "wait() given the same task twice (and another task) treats it as one input: done holds the two distinct tasks and pending is empty."
"""
import asyncio


async def coro(s):
    return s


async def main():
    c = asyncio.create_task(coro("test"))
    d = asyncio.create_task(coro("spam"))
    done, pending = await asyncio.wait([c, c, d])
    log("sizes", len(done), len(pending))
    log("results", sorted([f.result() for f in done]))
