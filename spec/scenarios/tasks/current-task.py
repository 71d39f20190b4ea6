"""
id = "tasks.current-task"
clauses = ["tasks.current-task.running"]
features = ["all-tasks", "call-soon"]
description = "current_task() is the task whose step is running: main inside main, the child inside the child; inside a plain call_soon callback it is None."
"""
import asyncio


def cb():
    log("in callback", asyncio.current_task() is None)


async def child():
    me = asyncio.current_task()
    log("in child", me.get_name())
    await asyncio.sleep(0)
    log("still child", asyncio.current_task() is me)
    return me


async def main():
    log("in main", asyncio.current_task().get_name())
    asyncio.get_running_loop().call_soon(cb)
    t = asyncio.create_task(child(), name="kid")
    me = await t
    log("child saw itself", me is t)
    log("back in main", asyncio.current_task().get_name())
