"""
id = "eager.names"
clauses = ["eager.names.during-step"]
features = ["eager-tasks", "task-names"]
min_version = "3.12"
description = "The name an eager task sees during its synchronous first step when created with name=...: its default Task-N name (3.12, 3.13) or the given name; after create_task it has the given name."
"""
import asyncio


async def child():
    log("during eager step", asyncio.current_task().get_name())
    await asyncio.sleep(0)
    log("after suspension", asyncio.current_task().get_name())


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child(), name="given")
    log("returned", t.get_name())
    await t
