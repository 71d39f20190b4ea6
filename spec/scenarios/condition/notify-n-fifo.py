"""
id = "condition.notify-n-fifo"
clauses = ["condition.notify.fifo-n", "condition.notify-all"]
features = ["condition"]
description = "notify(n) wakes the first n waiters in FIFO order (each then re-acquires the lock in turn); notify_all() wakes all remaining ones; notify() with no waiters does nothing."
"""
import asyncio


async def waiter(cond, name):
    async with cond:
        await cond.wait()
        log("woke", name)


async def main():
    cond = asyncio.Condition()
    async with cond:
        cond.notify()
    ts = [asyncio.create_task(waiter(cond, name)) for name in ["a", "b", "c", "d"]]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
    for i in range(4):
        await asyncio.sleep(0)
    log("after notify(2)")
    async with cond:
        cond.notify_all()
    for t in ts:
        await t
