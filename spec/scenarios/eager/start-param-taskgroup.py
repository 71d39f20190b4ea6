"""
id = "eager.start-param-taskgroup"
clauses = ["eager.start-param.create-task"]
features = ["eager-start", "taskgroup"]
min_version = "3.14"
description = "TaskGroup.create_task passes eager_start=True on to the task: a child's first step runs inside create_task; a child that finishes there is done and the group still waits for the others."
"""
import asyncio


async def child(tag, delay):
    log(tag, "first step")
    await asyncio.sleep(delay)
    log(tag, "finished")
    return tag


async def at_once():
    log("at_once runs")
    return "at_once"


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child("a", 0.1), eager_start=True)
        log("a created")
        b = tg.create_task(at_once(), eager_start=True)
        log("b created, done:", b.done())
        c = tg.create_task(child("c", 0), name="c")
        log("c created")
    log("group done", a.result(), b.result(), c.result())
