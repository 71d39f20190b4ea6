"""
id = "shield.inner-cancelled"
clauses = ["shield.outer.inner-cancel-cancels-outer"]
features = ["shield", "cancel-msg"]
description = "When the inner task is cancelled (with a message) the outer future is cancelled too, without the message; the awaiting task is not itself being cancelled."
"""
import asyncio


async def job():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(job())
    s = asyncio.shield(t)
    asyncio.get_running_loop().call_later(0.5, cancel_it, t)
    try:
        await s
    except asyncio.CancelledError as e:
        log("caught", e)
    log("outer", s.cancelled(), "main cancelling", asyncio.current_task().cancelling())


def cancel_it(t):
    t.cancel("inner msg")
