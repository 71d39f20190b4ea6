"""
id = "tasks.ensure-future"
clauses = ["tasks.ensure-future.identity"]
features = ["futures"]
description = "ensure_future wraps a coroutine in a new scheduled task, returns a task or future given to it unchanged, and rejects other values with TypeError."
"""
import asyncio


async def child():
    log("child runs")
    return 5


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.ensure_future(child())
    log("wrapped", isinstance(t, asyncio.Task), t.done())
    log("task unchanged", asyncio.ensure_future(t) is t)
    fut = loop.create_future()
    log("future unchanged", asyncio.ensure_future(fut) is fut)
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        log("int", e)
    log("result", await t)
