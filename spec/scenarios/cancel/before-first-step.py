"""
id = "cancel.before-first-step"
clauses = ["cancel.before-first-step", "cancel.message"]
features = ["cancel-msg"]
description = "A task cancelled before its first step never runs its body (not even up to a try); the awaiter gets CancelledError with the message."
"""
import asyncio


async def child():
    log("child started")
    try:
        await asyncio.sleep(0)
    finally:
        log("child finally")


async def main():
    t = asyncio.create_task(child())
    log("cancel", t.cancel("before start"))
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e)
    log("state", t.cancelled(), t.cancelling())
