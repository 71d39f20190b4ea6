"""
id = "cancel.multiple-cancels-before-start"
clauses = ["cancel.multiple.one-error", "cancel.before-first-step"]
features = ["cancel-msg", "uncancel"]
description = "Several cancel(msg) calls before the task's first step: the body never runs and one CancelledError carries the last message."
"""
import asyncio


async def child():
    log("never")


async def main():
    t = asyncio.create_task(child())
    t.cancel("first")
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e, t.cancelling())
