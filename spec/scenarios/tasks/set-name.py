"""
id = "tasks.set-name"
clauses = ["tasks.name.set-name"]
features = ["task-names"]
description = "set_name changes the name seen by get_name, converting the value with str(); a name given at creation is kept as given."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    log("child sees", asyncio.current_task().get_name())


async def main():
    t = asyncio.create_task(child(), name="first")
    log("given", t.get_name())
    t.set_name("second")
    log("renamed", t.get_name())
    t.set_name(123)
    log("non-string", t.get_name(), t.get_name() == "123")
    await asyncio.sleep(0)
    t.set_name("while running")
    await t
    t.set_name("after done")
    log("after done", t.get_name())
