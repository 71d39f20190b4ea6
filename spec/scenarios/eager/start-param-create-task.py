"""
id = "eager.start-param-create-task"
clauses = ["eager.start-param.create-task"]
features = ["eager-start", "task-names"]
min_version = "3.14"
description = "asyncio.create_task and loop.create_task pass eager_start=True to the Task: the first step runs before create_task returns, with the given name, without a task factory; a task finishing in that step is returned done."
"""
import asyncio


async def child(tag):
    log(tag, "first step", asyncio.current_task().get_name())
    await asyncio.sleep(0)
    log(tag, "resumed")
    return tag


async def quick():
    log("quick runs")
    return "quick"


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(child("a"), name="a", eager_start=True)
    log("after asyncio.create_task", a.done())
    b = loop.create_task(child("b"), eager_start=True)
    log("after loop.create_task", b.done(), b.get_name())
    c = asyncio.create_task(quick(), eager_start=True)
    log("quick done at once", c.done(), c.result())
    d = asyncio.create_task(child("d"), eager_start=False)
    log("after a lazy one", d.done())
    log("results", await a, await b, await d)
