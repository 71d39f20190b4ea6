"""
id = "tasks.create-non-coroutine"
clauses = ["tasks.create.non-coroutine-typeerror"]
features = ["all-tasks"]
description = "create_task with something that is not a coroutine (a number, an uncalled coroutine function) raises TypeError synchronously."
"""
import asyncio


async def child():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    try:
        asyncio.create_task(42)
    except TypeError as e:
        log("int", e)
    try:
        asyncio.create_task(child)
    except TypeError as e:
        log("function", e)
    try:
        loop.create_task(None)
    except TypeError as e:
        log("loop.create_task(None)", e)
    log("tasks", len(asyncio.all_tasks()))
