"""
id = "plain.cancel-later-message"
clauses = ["cancel.message"]
description = "A cancel message passed to Task.cancel reaches the awaiter in the CancelledError's args."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    async def worker():
        await asyncio.sleep(10)
        return "finished"

    t = asyncio.create_task(worker(), name="worker")
    loop.call_later(1, t.cancel, "shutting down")
    try:
        await t
    except asyncio.CancelledError as e:
        log("cancelled", t.get_name(), e.args, loop.time())
    log("state", t.cancelled())
