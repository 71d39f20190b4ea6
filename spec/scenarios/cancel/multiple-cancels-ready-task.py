"""
id = "cancel.multiple-cancels-ready-task"
clauses = ["cancel.multiple.one-error", "cancel.delivered-at-next-step"]
features = ["cancel-msg", "uncancel"]
description = "Several cancel(msg) calls on a task whose next step is already queued (in sleep(0)) deliver one CancelledError, carrying the message of the last call."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        log("child caught", e)
    await asyncio.sleep(0)
    log("next await not cancelled")
    return "swallowed"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    t.cancel("third")
    log("result", await t, t.cancelling())
