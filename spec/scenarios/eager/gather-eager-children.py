"""
id = "eager.gather-eager-children"
clauses = ["eager.start.synchronous-first-step", "eager.start.returns-done"]
features = ["eager-tasks", "gather"]
min_version = "3.12"
description = "With the eager factory, gather() runs each coroutine child synchronously as it wraps it; children that finish at once make the gather future done before gather() returns."
"""
import asyncio


async def child(n):
    log("child", n)
    return n


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    g = asyncio.gather(child(1), child(2))
    log("gather returned", g.done())
    log("results", await g)
