"""
id = "event.cancel-after-set"
clauses = ["event.wait.cancel", "event.set.wakes-all"]
features = ["event"]
description = "A waiter cancelled in the same iteration set() woke it (before it resumes) ends with CancelledError: the cancel replaces the wakeup. The event stays set."
"""
import asyncio


async def waiter(ev):
    try:
        await ev.wait()
        log("woke")
    except asyncio.CancelledError:
        log("cancelled", ev.is_set())
        raise


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0)
    ev.set()
    log("cancel", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        log("task cancelled", t.cancelled())
