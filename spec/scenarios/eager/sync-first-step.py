"""
id = "eager.sync-first-step"
clauses = ["eager.start.synchronous-first-step"]
features = ["eager-tasks"]
min_version = "3.12"
description = "With eager_task_factory, create_task runs the coroutine synchronously up to its first suspension before returning; the rest runs from the loop."
"""
import asyncio


async def child():
    log("child first step")
    await asyncio.sleep(0)
    log("child second step")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    log("before create")
    t = asyncio.create_task(child())
    log("after create", t.done())
    await t
    log("awaited")
