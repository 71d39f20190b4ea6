"""
id = "condition.wait-cancel-reacquires"
clauses = ["condition.wait.cancel-reacquires"]
features = ["condition", "cancel-msg"]
description = "A task cancelled while blocked in wait() re-acquires the lock before CancelledError leaves wait(): while another task holds the lock the cancelled one stays blocked; the error keeps the cancel message."
"""
import asyncio


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError as e:
            log("cancelled, holding lock", cond.locked(), e)
            raise


async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    t.cancel("stop")
    for i in range(3):
        await asyncio.sleep(0)
    log("main still holds the lock", t.done())
    cond.release()
    try:
        await t
    except asyncio.CancelledError as e:
        log("task", t.cancelled(), e)
    log("end", cond.locked())
