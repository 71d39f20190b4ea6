"""
id = "eager.start-param-refused-before-3-14"
clauses = ["eager.start-param.create-task"]
features = ["eager-start"]
max_version = "3.13"
description = "Before 3.14, asyncio.create_task and loop.create_task take no eager_start keyword: TypeError, and no task is created (the coroutine can still be awaited)."
"""
import asyncio


async def child():
    log("child runs")
    return 1


async def main():
    loop = asyncio.get_running_loop()
    coro = child()
    try:
        asyncio.create_task(coro, eager_start=True)
    except TypeError:
        log("asyncio.create_task: TypeError")
    try:
        loop.create_task(coro, eager_start=False)
    except TypeError:
        log("loop.create_task: TypeError")
    log("tasks", len(asyncio.all_tasks()))
    log("awaited", await coro)
