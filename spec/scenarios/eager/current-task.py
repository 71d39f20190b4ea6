"""
id = "eager.current-task"
clauses = ["eager.start.current-task"]
features = ["eager-tasks", "all-tasks"]
min_version = "3.12"
description = "During the eager first step current_task() is the new task; right after create_task returns it is the creator again."
"""
import asyncio


async def child(box):
    box[0] = asyncio.current_task()
    log("inside is main", asyncio.current_task().get_name() == "main")
    await asyncio.sleep(0)
    log("later is same task", asyncio.current_task() is box[0])


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    box = [None]
    t = asyncio.create_task(child(box))
    log("eager step saw the task", box[0] is t)
    log("back in creator", asyncio.current_task().get_name())
    await t
