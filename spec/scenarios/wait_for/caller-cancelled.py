"""
id = "wait_for.caller-cancelled"
clauses = ["wait_for.cancel.caller-cancel-cancels-inner"]
features = ["wait-for", "cancel-msg"]
description = "Cancelling the task blocked in wait_for cancels the inner task and waits for it; the caller sees CancelledError, not TimeoutError."
"""
import asyncio


async def job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log("inner cancelled", e)
        raise


async def caller(t):
    try:
        await asyncio.wait_for(t, 5)
    except asyncio.CancelledError as e:
        log("caller cancelled", e)
        raise


async def main():
    inner = asyncio.create_task(job())
    c = asyncio.create_task(caller(inner))
    await asyncio.sleep(1)
    c.cancel("stop")
    try:
        await c
    except asyncio.CancelledError:
        log("main saw cancel")
    log("states", c.cancelled(), inner.cancelled())
