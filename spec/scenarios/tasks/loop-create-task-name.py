"""
id = "tasks.loop-create-task-name"
clauses = ["tasks.name.default-numbering", "tasks.name.explicit-consumes-number"]
features = ["task-names"]
description = "loop.create_task(coro, name=...) passes the name to the Task constructor and consumes no Task-N number."
"""
import asyncio


async def child():
    pass


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_task(child())
    b = loop.create_task(child(), name="explicit")
    c = loop.create_task(child())
    log("names", a.get_name(), b.get_name(), c.get_name())
    await a
    await b
    await c
