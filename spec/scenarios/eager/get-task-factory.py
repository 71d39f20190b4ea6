"""
id = "eager.get-task-factory"
clauses = ["eager.factory.get-task-factory", "eager.start.returns-done"]
features = ["eager-tasks"]
min_version = "3.12"
description = "get_task_factory() gives back the factory set_task_factory() installed (None before and after), and the factory installed is the one create_task uses."
"""
import asyncio


async def quick(n):
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    log("before", loop.get_task_factory() is None)
    loop.set_task_factory(asyncio.eager_task_factory)
    installed = loop.get_task_factory()
    t = asyncio.create_task(quick(21))
    log("installed", installed is asyncio.eager_task_factory, t.done(), t.result() if t.done() else None)
    loop.set_task_factory(None)
    lazy = asyncio.create_task(quick(1))
    log("reset", loop.get_task_factory(), lazy.done(), await lazy)
