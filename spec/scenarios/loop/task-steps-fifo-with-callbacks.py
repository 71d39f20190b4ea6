"""
id = "loop.task-steps-fifo-with-callbacks"
clauses = ["loop.call-soon.fifo", "tasks.create.first-step-scheduled"]
features = ["call-soon"]
description = "A task's steps are ordinary ready handles: they interleave FIFO with call_soon callbacks scheduled around them."
"""
import asyncio


async def worker(name):
    log("step 1", name)
    await asyncio.sleep(0)
    log("step 2", name)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "cb 1")
    t = asyncio.create_task(worker("w"))
    loop.call_soon(log, "cb 2")
    await t
    log("done")
