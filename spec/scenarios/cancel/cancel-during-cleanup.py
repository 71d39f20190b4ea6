"""
id = "cancel.cancel-during-cleanup"
clauses = ["cancel.cleanup.may-await", "cancel.pending-returns-true"]
features = ["uncancel", "cancel-msg"]
description = "A second cancel() arriving while the coroutine awaits in its cleanup interrupts that await with a new CancelledError."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("first", e)
        try:
            await asyncio.sleep(5)
            log("cleanup finished")
        except asyncio.CancelledError as e2:
            log("cleanup interrupted", e2)
            raise


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(1)
    log("cancel 1", t.cancel("one"))
    await asyncio.sleep(1)
    log("cancel 2", t.cancel("two"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        log("main caught", e, t.cancelling())
