"""
id = "timeout.enter-twice"
clauses = ["timeout.enter.once-only"]
features = ["timeout"]
description = "A timeout context manager can be entered only once: entering it again, after it was exited, raises RuntimeError."
"""
import asyncio


async def main():
    cm = asyncio.timeout(5)
    async with cm:
        await asyncio.sleep(0.1)
    try:
        async with cm:
            log("not reached")
    except RuntimeError as e:
        log("second enter", e)
