"""
id = "cancel.self-cancel-then-return"
clauses = ["cancel.self.return-ends-cancelled"]
features = ["uncancel"]
description = "A task that cancels itself and then returns without suspending ends cancelled: its return value is discarded."
"""
import asyncio


async def child():
    log("cancel self", asyncio.current_task().cancel("self"))
    log("still running, returning")
    return "discarded"


async def main():
    t = asyncio.create_task(child())
    try:
        r = await t
        log("got result", r)
    except asyncio.CancelledError as e:
        log("caught", e)
    log("state", t.cancelled(), t.cancelling())
