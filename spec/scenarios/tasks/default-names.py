"""
id = "tasks.default-names"
clauses = ["tasks.name.default-numbering"]
features = ["task-names"]
description = "Tasks created without a name are named Task-N with N increasing by one per such task."
"""
import asyncio


async def child():
    pass


async def main():
    a = asyncio.create_task(child())
    b = asyncio.get_running_loop().create_task(child())
    c = asyncio.ensure_future(child())
    log("names", a.get_name(), b.get_name(), c.get_name())
    await a
    await b
    await c
