"""
id = "gather.child-cancelled"
clauses = ["gather.error.child-cancel-is-exception"]
features = ["gather", "cancel-msg", "uncancel"]
description = "A child cancelled with a message (return_exceptions=False) makes the awaiter raise CancelledError while the outer future is not cancelled and the awaiting task's cancelling() stays 0."
"""
import asyncio


async def child():
    await asyncio.sleep(1)


async def other():
    await asyncio.sleep(2)
    log("other finished")


async def main():
    a = asyncio.create_task(child())
    b = asyncio.create_task(other())
    g = asyncio.gather(a, b)
    await asyncio.sleep(0.1)
    a.cancel("stop a")
    try:
        await g
    except asyncio.CancelledError as e:
        log("caught", e)
    log("outer", g.done(), g.cancelled(), b.done())
    log("main cancelling", asyncio.current_task().cancelling())
    await b
