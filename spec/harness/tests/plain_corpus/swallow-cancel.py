"""
id = "plain.swallow-cancel"
clauses = ["cancel.swallowed"]
description = "A task that catches CancelledError and returns normally ends with a result, not cancelled."
"""
import asyncio


async def main():
    seen = []

    async def stubborn():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            seen.append("caught")
            return "ignored the cancel"
        return "slept"

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    task.cancel()
    result = await task
    log("result", result, seen)
    log("flags", task.cancelled(), task.done(), task.cancelling())
