"""
id = "tasks.explicit-name-numbering"
clauses = ["tasks.name.explicit-consumes-number", "tasks.name.default-numbering"]
features = ["task-names"]
description = "asyncio.create_task(coro, name=...) does or does not consume a Task-N number depending on the version: this is seen in the name of the next unnamed task."
"""
import asyncio


async def child():
    pass


async def main():
    a = asyncio.create_task(child())
    b = asyncio.create_task(child(), name="explicit")
    c = asyncio.create_task(child())
    log("names", a.get_name(), b.get_name(), c.get_name())
    await a
    await b
    await c
