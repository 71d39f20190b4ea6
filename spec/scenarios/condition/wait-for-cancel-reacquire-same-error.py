"""
id = "condition.wait-for-cancel-reacquire-same-error"
clauses = ["condition.wait.cancel-message", "condition.wait.cancel-unchanged"]
features = ["condition", "cancel-msg"]
description = "A task notified in cond.wait_for(predicate) is cancelled with a message while it re-acquires the lock: the CancelledError it catches, and with which the task ends when it re-raises it, is logged with its message."
"""
import asyncio

caught = [None]
state = [False]


def wake():
    return state[0]


async def func(cond):
    async with cond:
        try:
            await cond.wait_for(wake)
            log("woke")
        except asyncio.CancelledError as e:
            log("caught", e, cond.locked())
            caught[0] = e
            raise


async def main():
    cond = asyncio.Condition()
    task = asyncio.create_task(func(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    state[0] = True
    cond.notify()
    await asyncio.sleep(0)
    task.cancel("foo")
    cond.release()
    try:
        await task
    except asyncio.CancelledError as e:
        log("task raised", e, e is caught[0])
    log("lock", cond.locked())
