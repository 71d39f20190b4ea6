"""
id = "cancel.race-cancel-before-final-step"
clauses = ["cancel.pending-returns-true", "cancel.delivered-at-next-step"]
features = ["call-soon"]
description = "A task whose last step is already queued (it is in sleep(0)) is cancelled before that step runs: CancelledError is thrown in at sleep(0) instead of the task returning."
"""
import asyncio


async def child():
    await asyncio.sleep(0)
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        log("child cancelled at sleep(0)", e)
        raise
    return "would return"


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("cancel", t.cancel("race"))
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e, t.cancelled())
