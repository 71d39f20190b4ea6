"""
id = "cancel.cleanup-awaits"
clauses = ["cancel.cleanup.may-await"]
features = []
description = "After catching CancelledError a coroutine may keep awaiting (cleanup in finally); the task ends cancelled only when the CancelledError finally leaves it."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    finally:
        log("cleanup starts")
        await asyncio.sleep(1)
        log("cleanup ends")


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0.5)
    t.cancel()
    await asyncio.sleep(0.5)
    log("during cleanup", t.done(), t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        log("cancelled after cleanup", t.cancelled())
