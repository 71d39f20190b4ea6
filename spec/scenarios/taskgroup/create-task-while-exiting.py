"""
id = "taskgroup.create-task-while-exiting"
clauses = ["taskgroup.create-task.allowed-while-waiting"]
features = ["taskgroup"]
description = "While __aexit__ waits for remaining children, a child may add a new task to the group; the group waits for it too."
"""
import asyncio


async def late(name):
    await asyncio.sleep(0.5)
    log("late child done", name)


async def spawner(tg):
    await asyncio.sleep(0.1)
    tg.create_task(late("spawned"))
    log("spawned from child")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg))
        log("body done")
    log("group exited")
