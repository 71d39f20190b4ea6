"""
id = "eager.all-tasks"
clauses = ["tasks.all-tasks.not-done", "eager.start.synchronous-first-step"]
features = ["eager-tasks", "all-tasks", "futures"]
min_version = "3.12"
description = "With the eager factory, all_tasks() seen during a task's synchronous first step holds that task; a task that completed eagerly is not in all_tasks() once create_task returns, one that suspended is, until it finishes."
"""
import asyncio


async def quick(seen):
    seen.append(asyncio.current_task() in asyncio.all_tasks())


async def blocking(fut1, fut2, seen):
    seen.append(asyncio.current_task() in asyncio.all_tasks())
    await fut1
    fut2.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    seen = []
    t = loop.create_task(quick(seen))
    log("eager completion", seen, t.done(), t in asyncio.all_tasks())

    fut1 = loop.create_future()
    fut2 = loop.create_future()
    seen2 = []
    t2 = loop.create_task(blocking(fut1, fut2, seen2))
    log("blocking", seen2, t2.done(), t2 in asyncio.all_tasks())
    fut1.set_result(None)
    await fut2
    log("after finish", t2.done(), t2 in asyncio.all_tasks())
    loop.set_task_factory(None)
