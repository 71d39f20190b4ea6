"""
id = "condition.cancel-during-reacquire"
clauses = ["condition.wait.cancel-reacquires", "condition.wait.cancel-message"]
features = ["condition", "cancel-msg"]
description = "A waiter that was notified is cancelled (with a message) while it waits to re-acquire the lock held by main; it still re-acquires before raising. Whether the raised CancelledError carries the message differs between versions."
"""
import asyncio


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
            log("woke")
        except asyncio.CancelledError as e:
            log("cancelled", e, cond.locked())
            raise


async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel("late")
    await asyncio.sleep(0)
    cond.release()
    try:
        await t
    except asyncio.CancelledError as e:
        log("task", e)
