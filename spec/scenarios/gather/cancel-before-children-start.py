"""
id = "gather.cancel-before-children-start"
clauses = ["gather.cancel.broadcast-in-order", "gather.cancel.awaiter-cancel-propagates"]
features = ["gather", "cancel-msg"]
description = "Cancelling the gather in the iteration it was created cancels the coroutine children before their first step: their bodies never run."
"""
import asyncio


async def child(name):
    log("child body", name)


async def main():
    g = asyncio.gather(child("a"), child("b"))
    log("cancel", g.cancel("early"))
    try:
        await g
    except asyncio.CancelledError as e:
        log("caught", e)
    log("outer", g.done(), g.cancelled())
