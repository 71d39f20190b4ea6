"""
id = "cancel.reraise-other-cancellederror"
clauses = ["cancel.message"]
features = ["cancel-msg"]
description = "The awaiter of a cancelled task receives the CancelledError object the coroutine ended with, even when the coroutine replaced the one thrown into it."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("child caught", e)
        raise asyncio.CancelledError("replaced")


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel("original")
    try:
        await t
    except asyncio.CancelledError as e:
        log("awaiter got", e)
    log("state", t.cancelled(), t.cancelling())
