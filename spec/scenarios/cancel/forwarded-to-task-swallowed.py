"""
id = "cancel.forwarded-to-task-swallowed"
clauses = ["cancel.forwarded-to-awaited", "cancel.swallowed"]
features = ["cancel-msg", "uncancel"]
description = "Cancelling a task that awaits another task cancels the inner one with the same message; if the inner swallows it and returns, the outer receives the value and is not cancelled, though its cancelling() stays 1."
"""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("inner caught", e)
    return "inner value"


async def outer(t):
    r = await t
    log("outer got", r)
    return r


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    log("cancel outer", o.cancel("stop"))
    r = await o
    log("outer result", r, o.cancelled(), o.cancelling())
    log("inner", i.cancelled(), i.cancelling())
