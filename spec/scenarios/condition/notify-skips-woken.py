"""
id = "condition.notify-skips-woken"
clauses = ["condition.notify.fifo-n"]
features = ["condition"]
description = "A second notify() before the first notified waiter has resumed wakes the next waiter: waiters already woken do not count toward n."
"""
import asyncio


async def waiter(cond, name):
    async with cond:
        await cond.wait()
        log("woke", name)


async def main():
    cond = asyncio.Condition()
    ts = [asyncio.create_task(waiter(cond, name)) for name in ["a", "b", "c"]]
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        cond.notify()
        log("notified twice")
    for i in range(4):
        await asyncio.sleep(0)
    log("after two notify()")
    async with cond:
        cond.notify(2)
    for t in ts:
        await t
