"""
id = "tasks.current-task-explicit-loop"
clauses = ["tasks.current-task.running"]
features = ["all-tasks", "call-soon"]
description = "current_task(loop) with the running loop given explicitly, and current_task(None), return the same task as current_task() inside a task, and None inside a plain callback."
"""
import asyncio


def callback(loop):
    log("in callback", asyncio.current_task(loop), asyncio.current_task(None), asyncio.current_task())


async def coro(loop):
    me = asyncio.current_task()
    log("in task", asyncio.current_task(loop) is me, asyncio.current_task(None) is me, me.get_name())


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(coro(loop), name="worker")
    await t
    loop.call_soon(callback, loop)
    await asyncio.sleep(0)
    log("main", asyncio.current_task(loop).get_name())
