"""
id = "gather.outer-cancel-broadcast"
clauses = ["gather.cancel.broadcast-in-order", "gather.cancel.raises-even-with-return-exceptions"]
features = ["gather", "cancel-msg"]
description = "outer.cancel(msg) cancels every child in argument order and returns True; the awaiter gets CancelledError even with return_exceptions=True, and outer.cancelled() becomes True only then."
"""
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        log("child cancelled", name, e)
        raise


async def main():
    g = asyncio.gather(child("a", 3), child("b", 1), child("c", 2), return_exceptions=True)
    await asyncio.sleep(0.1)
    log("cancel", g.cancel("stop"))
    log("outer right after", g.done(), g.cancelled())
    try:
        await g
    except asyncio.CancelledError as e:
        log("awaiter caught", e)
    log("outer", g.done(), g.cancelled())
