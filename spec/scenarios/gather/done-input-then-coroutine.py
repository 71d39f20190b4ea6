"""
id = "gather.done-input-then-coroutine"
clauses = ["gather.timing.done-inputs"]
features = ["gather", "task-names"]
description = "gather(failed_task, coro()): 3.11 wraps the coroutine after scheduling the done task's callback, so the gather fails before the coroutine's second step; 3.12+ wraps it first and processes the done input at the end of gather() (the outer is done at once)."
"""
import asyncio


class Boom(Exception):
    pass


async def fails():
    raise Boom(1)


async def child():
    log("child step 1")
    await asyncio.sleep(0)
    log("child step 2")
    await asyncio.sleep(0)
    log("child step 3")


async def main():
    t = asyncio.create_task(fails(), name="t")
    await asyncio.sleep(0)
    try:
        await asyncio.gather(t, child())
    except Boom as e:
        log("gather raised", e)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("end")
