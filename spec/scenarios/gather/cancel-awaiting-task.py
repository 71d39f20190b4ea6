"""
id = "gather.cancel-awaiting-task"
clauses = ["gather.cancel.awaiter-cancel-propagates"]
features = ["gather", "cancel-msg"]
description = "Cancelling the task that awaits gather cancels every child with the same message; the task ends cancelled."
"""
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log("child cancelled", name, e)
        raise


async def waiter():
    try:
        await asyncio.gather(child("a"), child("b"))
    except asyncio.CancelledError as e:
        log("waiter caught", e)
        raise


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    t.cancel("go away")
    try:
        await t
    except asyncio.CancelledError as e:
        log("main caught", e)
    log("task", t.cancelled())
