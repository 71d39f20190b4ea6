"""
id = "eager.start-param-overrides-factory"
clauses = ["eager.start-param.overrides-factory"]
features = ["eager-start", "eager-tasks"]
min_version = "3.14"
description = "With eager_task_factory installed, create_task(coro, eager_start=False) passes the flag to the factory, which makes a lazy task (first step in the next iteration); without the keyword the task is eager."
"""
import asyncio


async def child(tag):
    log(tag, "first step")
    await asyncio.sleep(0)
    log(tag, "resumed")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    lazy = asyncio.create_task(child("lazy"), eager_start=False)
    log("after the lazy create_task")
    eager = asyncio.create_task(child("eager"))
    log("after the eager create_task")
    lazy2 = loop.create_task(child("lazy2"), eager_start=False)
    log("after loop.create_task(eager_start=False)")
    await asyncio.gather(lazy, eager, lazy2)
    log("all done")
