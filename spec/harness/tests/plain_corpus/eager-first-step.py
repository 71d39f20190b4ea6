"""
id = "plain.eager-first-step"
clauses = ["eager.start.synchronous-first-step"]
description = "With the eager task factory, a new task runs its first step synchronously inside create_task."
min_version = "3.12"
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    trace = []

    async def quick():
        trace.append("quick started")
        await asyncio.sleep(1)
        trace.append("quick resumed")
        return "q"

    trace.append("before create")
    task = asyncio.create_task(quick())
    trace.append("after create")
    log("trace", trace[:])
    log("result", await task, trace[-1])
