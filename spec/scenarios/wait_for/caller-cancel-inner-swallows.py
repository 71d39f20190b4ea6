"""
id = "wait_for.caller-cancel-inner-swallows"
clauses = ["wait_for.cancel.inner-swallows-caller-cancel"]
features = ["wait-for", "uncancel"]
description = "The task blocked in wait_for is cancelled and the inner task swallows the cancellation and returns a value: what the caller sees is logged (result or CancelledError) with its cancelling() count."
"""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("inner swallowed")
    return 42


async def caller():
    t = asyncio.create_task(inner())
    try:
        r = await asyncio.wait_for(t, 5)
        log("caller got", r, asyncio.current_task().cancelling())
    except asyncio.CancelledError:
        log("caller cancelled", asyncio.current_task().cancelling())
        raise
    try:
        await asyncio.sleep(1)
        log("next await completed")
    except asyncio.CancelledError:
        log("next await cancelled")
        raise


async def main():
    c = asyncio.create_task(caller())
    await asyncio.sleep(0.1)
    c.cancel()
    try:
        await c
        log("caller returned")
    except asyncio.CancelledError:
        log("caller task cancelled")
