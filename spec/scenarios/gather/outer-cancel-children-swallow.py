"""
id = "gather.outer-cancel-children-swallow"
clauses = ["gather.cancel.raises-even-if-children-swallow"]
features = ["gather", "cancel-msg"]
description = "After outer.cancel(msg) the gather raises CancelledError even though every child swallowed the cancellation and returned a value."
"""
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("swallowed", name)
    return name


async def main():
    g = asyncio.gather(child("a"), child("b"))
    await asyncio.sleep(0.1)
    log("cancel", g.cancel("m"))
    try:
        res = await g
        log("results", res)
    except asyncio.CancelledError as e:
        log("caught", e)
    log("outer", g.cancelled())
