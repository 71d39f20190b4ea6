"""
id = "tasks.result-states"
clauses = ["tasks.result.states"]
features = []
description = "result() and exception() on a pending task raise InvalidStateError; once the task returned, result() is its return value and exception() None."
"""
import asyncio


async def child():
    await asyncio.sleep(0.1)
    return [1, "two"]


async def main():
    t = asyncio.create_task(child())
    log("pending", t.done(), t.cancelled())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        log("result()", e)
    try:
        t.exception()
    except asyncio.InvalidStateError as e:
        log("exception()", e)
    await asyncio.sleep(0.2)
    log("finished", t.done(), t.cancelled(), t.result(), t.exception())
