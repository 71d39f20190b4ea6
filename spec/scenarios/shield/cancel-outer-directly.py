"""
id = "shield.cancel-outer-directly"
clauses = ["shield.cancel.inner-keeps-running", "shield.outer.plain-future"]
features = ["shield"]
description = "The shield's outer is a plain future: cancel() on it returns True and it is cancelled at once, while the inner task is not cancelled."
"""
import asyncio


async def job():
    await asyncio.sleep(0.5)
    return "done"


async def main():
    t = asyncio.create_task(job())
    s = asyncio.shield(t)
    log("cancel", s.cancel("m"))
    log("outer", s.cancelled(), "inner", t.cancelled())
    try:
        await s
    except asyncio.CancelledError as e:
        log("outer raised", e)
    log("inner", await t)
