"""
id = "cancel.raise-without-cancel"
clauses = ["cancel.raise-without-cancel"]
features = ["uncancel", "cancel-msg"]
description = "A coroutine raising CancelledError on its own, without any cancel() call, ends its task cancelled with cancelling() 0; the awaiter gets that very CancelledError."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    raise asyncio.CancelledError("own")


async def main():
    t = asyncio.create_task(child())
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e)
    log("state", t.cancelled(), t.cancelling())
    log("main not cancelling", asyncio.current_task().cancelling())
