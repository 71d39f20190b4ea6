"""
id = "timeout.external-cancel"
clauses = ["timeout.exit.foreign-cancel-propagates"]
features = ["timeout", "cancel-msg"]
description = "An external cancel before the deadline passes through the timeout as CancelledError with its message; expired() stays False."
"""
import asyncio


async def worker(box):
    try:
        async with asyncio.timeout(5) as cm:
            box[0] = cm
            await asyncio.sleep(10)
    except TimeoutError:
        log("timeout - wrong")
    except asyncio.CancelledError as e:
        log("cancelled", e, box[0].expired())
        raise


async def main():
    box = [None]
    t = asyncio.create_task(worker(box))
    await asyncio.sleep(1)
    t.cancel("external")
    try:
        await t
    except asyncio.CancelledError:
        log("task cancelled", t.cancelled())
