"""
id = "tasks.return-future-value"
clauses = ["tasks.result.value-as-is"]
features = ["futures"]
description = "A coroutine that returns a future (without awaiting it) makes that future object the task's result: the awaiter gets the future itself, whatever its state, and it is not awaited for it."
"""
import asyncio


async def func(fut):
    return fut


async def coro(fut):
    fut.set_result("test")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t1 = asyncio.create_task(func(fut))
    res = await t1
    log("pending future returned", res is fut, res.done(), t1.result() is fut)
    t2 = asyncio.create_task(coro(fut))
    await t2
    log("after set", res.done(), res.result(), t2.result())
