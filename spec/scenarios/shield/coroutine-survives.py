"""
id = "shield.coroutine-survives"
clauses = ["shield.cancel.inner-keeps-running", "shield.args.coroutine-wrapped"]
features = ["shield"]
description = "A coroutine passed to shield runs in its own task: when the awaiting task is cancelled the coroutine continues to completion."
"""
import asyncio


async def work():
    log("work started", asyncio.current_task().get_name() == "main")
    await asyncio.sleep(1)
    log("work finished")


async def waiter():
    await asyncio.shield(work())


async def main():
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        log("waiter cancelled")
    await asyncio.sleep(2)
    log("main done")
