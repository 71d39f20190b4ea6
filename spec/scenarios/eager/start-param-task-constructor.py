"""
id = "eager.start-param-task-constructor"
clauses = ["eager.start-param.task-constructor"]
features = ["eager-start", "task-names"]
min_version = "3.12"
description = "asyncio.Task(coro, eager_start=True) on the running loop runs the first step inside the constructor, with the given name, and bypasses the loop's task factory; eager_start=False (the default) schedules it."
"""
import asyncio


async def child(tag):
    log(tag, "first step", asyncio.current_task().get_name())
    await asyncio.sleep(0)
    log(tag, "resumed")
    return tag


async def main():
    loop = asyncio.get_running_loop()
    eager = asyncio.Task(child("eager"), loop=loop, name="e", eager_start=True)
    log("after eager Task()", eager.done())
    lazy = asyncio.Task(child("lazy"), loop=loop, name="l", eager_start=False)
    log("after lazy Task()", lazy.done())
    loop.set_task_factory(asyncio.eager_task_factory)
    plain = asyncio.Task(child("plain"), loop=loop, name="p")
    log("after Task() with a factory installed", plain.done())
    log("results", await eager, await lazy, await plain)
