"""
id = "tasks.set-result-raises"
clauses = ["tasks.set-result.raises"]
features = []
description = "A task's outcome belongs to its coroutine: Task.set_result and Task.set_exception raise RuntimeError and change nothing."
"""
import asyncio


class Boom(Exception):
    pass


async def child():
    await asyncio.sleep(0)
    return "own result"


async def main():
    t = asyncio.create_task(child())
    try:
        t.set_result("forced")
    except RuntimeError as e:
        log("set_result", e)
    try:
        t.set_exception(Boom("forced"))
    except RuntimeError as e:
        log("set_exception", e)
    log("still pending", t.done())
    log("result", await t)
