"""
id = "condition.cancel-unnotified"
clauses = ["condition.wait.cancel-notifies-next"]
features = ["condition"]
description = "Waiter a is cancelled without any notify(). Whether its exit from wait() wakes waiter b (a spurious wakeup) differs between versions."
"""
import asyncio


async def waiter(cond, name):
    async with cond:
        try:
            r = await cond.wait()
            log("woke", name, r)
        except asyncio.CancelledError:
            log("cancelled", name)
            raise


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(0)
    a.cancel()
    for i in range(4):
        await asyncio.sleep(0)
    log("b done", b.done())
    b.cancel()
    await asyncio.sleep(0)
