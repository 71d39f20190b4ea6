"""
id = "eager.cancel-after-eager-step"
clauses = ["eager.start.synchronous-first-step"]
features = ["eager-tasks", "cancel-msg"]
min_version = "3.12"
description = "A task suspended at the end of its eager first step is an ordinary pending task: cancel(msg) delivers CancelledError at that suspension."
"""
import asyncio


async def child():
    try:
        log("eager step")
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        log("cancelled", e)
        raise


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child())
    log("cancel", t.cancel("stop"))
    try:
        await t
    except asyncio.CancelledError:
        log("task cancelled", t.cancelled())
