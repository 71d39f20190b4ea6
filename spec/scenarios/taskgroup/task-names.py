"""
id = "taskgroup.task-names"
clauses = ["taskgroup.create-task.name"]
features = ["taskgroup", "task-names"]
description = "tg.create_task(name=...) gives the child that name; whether it consumes a default Task-N number differs (3.11/3.12 consume one, 3.13+ do not)."
"""
import asyncio


async def job():
    return asyncio.current_task().get_name()


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job())
        b = tg.create_task(job(), name="named")
        c = tg.create_task(job())
    log("names", a.result(), b.result(), c.result())
