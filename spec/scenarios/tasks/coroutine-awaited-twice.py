"""
id = "tasks.coroutine-awaited-twice"
clauses = ["tasks.await.coroutine-once"]
features = ["cancel-msg"]
description = "A coroutine object wrapped in a task cannot be awaited anywhere else: awaiting it while the task has it suspended raises RuntimeError in the awaiter (the task is unaffected), and awaiting it after the task finished raises RuntimeError too."
"""
import asyncio


async def afunc(x):
    await asyncio.sleep(0.1)
    return x


async def main():
    coro = afunc(1)
    t = asyncio.create_task(coro)
    await asyncio.sleep(0)
    try:
        await coro
    except RuntimeError as e:
        log("while suspended", e, t.done())
    log("task result", await t)
    try:
        await coro
    except RuntimeError as e:
        log("after finished", e)

    coro2 = afunc(2)
    t2 = asyncio.create_task(coro2)
    await asyncio.sleep(0)
    try:
        await coro2
    except RuntimeError as e:
        log("second", e)
    finally:
        t2.cancel("bye")
    try:
        await t2
    except asyncio.CancelledError as e:
        log("cancelled", e, t2.cancelled())
