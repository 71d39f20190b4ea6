"""
id = "condition.wait-for-cancel-same-error"
clauses = ["condition.wait.cancel-reacquires", "condition.wait.cancel-unchanged"]
features = ["condition", "cancel-msg"]
description = "A task waiting in cond.wait_for(predicate) inside async with cond is cancelled with a message: the CancelledError it catches carries the message, and re-raising it ends the task with that same exception object."
"""
import asyncio

caught = [None]


def never():
    return False


async def func(cond):
    async with cond:
        try:
            await cond.wait_for(never)
        except asyncio.CancelledError as e:
            log("caught", e, cond.locked())
            caught[0] = e
            raise


async def main():
    cond = asyncio.Condition()
    task = asyncio.create_task(func(cond))
    await asyncio.sleep(0)
    task.cancel("foo")
    try:
        await task
    except asyncio.CancelledError as e:
        log("task raised", e, e is caught[0])
    log("lock", cond.locked())
