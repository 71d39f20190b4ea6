"""
id = "loop.set-task-factory-not-callable"
clauses = ["loop.task-factory.rejects-non-callable"]
features = []
description = "loop.set_task_factory() with something that is neither callable nor None raises TypeError and leaves the factory unchanged (get_task_factory() still None); create_task still makes plain lazy tasks."
"""
import asyncio


async def child():
    return 7


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.set_task_factory(1)
    except TypeError as e:
        log("rejected", e)
    log("factory", loop.get_task_factory())
    t = loop.create_task(child())
    log("task", t.done(), await t)
