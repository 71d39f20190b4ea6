"""
id = "eager.custom-factory"
clauses = ["eager.factory.create-eager-task-factory"]
features = ["eager-tasks"]
min_version = "3.12"
description = "create_eager_task_factory(asyncio.Task) yields a factory that starts tasks eagerly like eager_task_factory."
"""
import asyncio


async def child():
    log("child first step")
    await asyncio.sleep(0)
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))
    t = asyncio.create_task(child())
    log("after create", t.done())
    log("result", await t)
