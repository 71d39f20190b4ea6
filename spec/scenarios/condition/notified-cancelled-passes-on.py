"""
id = "condition.notified-cancelled-passes-on"
clauses = ["condition.notify.cancelled-passes-on"]
features = ["condition"]
description = "notify(1) wakes waiter a, which is cancelled before it runs. Whether the notification passes to the next waiter b or is lost differs between versions."
"""
import asyncio


async def waiter(cond, name):
    async with cond:
        try:
            await cond.wait()
            log("woke", name)
        except asyncio.CancelledError:
            log("cancelled", name)
            raise


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        a.cancel()
    for i in range(4):
        await asyncio.sleep(0)
    log("b done", b.done())
    b.cancel()
    await asyncio.sleep(0)
