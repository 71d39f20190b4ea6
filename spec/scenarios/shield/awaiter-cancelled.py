"""
id = "shield.awaiter-cancelled"
clauses = ["shield.cancel.inner-keeps-running"]
features = ["shield", "cancel-msg"]
description = "Cancelling the task awaiting a shield raises CancelledError in it at once, while the shielded task keeps running and finishes normally."
"""
import asyncio


async def job():
    await asyncio.sleep(1)
    log("inner finished")
    return "inner value"


async def waiter(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError as e:
        log("waiter cancelled", e, t.done())
        raise


async def main():
    t = asyncio.create_task(job())
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(0.1)
    w.cancel("stop")
    await asyncio.sleep(0)
    log("after cancel", w.cancelled(), t.cancelled())
    log("inner", await t)
