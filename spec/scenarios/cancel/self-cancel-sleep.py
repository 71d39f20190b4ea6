"""
id = "cancel.self-cancel-sleep"
clauses = ["cancel.self.lands-at-suspension", "sleep.cancel.removes-timer"]
features = ["uncancel", "call-later"]
description = "A task that cancels itself and then sleeps gets CancelledError at that sleep in the next iteration, without the clock advancing."
"""
import asyncio


async def main():
    me = asyncio.current_task()
    me.cancel()
    log("cancelled self", me.cancelling())
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        log("cancelled at sleep")
    log("uncancel", me.uncancel())
    await asyncio.sleep(1)
    log("slept normally")
