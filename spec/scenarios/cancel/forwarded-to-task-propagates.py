"""
id = "cancel.forwarded-to-task-propagates"
clauses = ["cancel.forwarded-to-awaited", "cancel.message", "cancel.iterations"]
features = ["cancel-msg", "uncancel", "call-soon"]
description = "Cancelling the outer of two tasks cancels the inner (sleeping) one; both end cancelled; the outer resumes one iteration after the inner finished, and both see the message."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 5:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("inner caught", e)
        raise


async def outer(t):
    try:
        await t
    except asyncio.CancelledError as e:
        log("outer caught", e)
        raise


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(tick, 0)
    log("cancel outer", o.cancel("stop"))
    try:
        await o
    except asyncio.CancelledError as e:
        log("main caught", e)
    log("state", o.cancelled(), o.cancelling(), i.cancelled(), i.cancelling())
