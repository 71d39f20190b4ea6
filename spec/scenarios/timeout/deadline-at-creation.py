"""
id = "timeout.deadline-at-creation"
clauses = ["timeout.create.deadline-fixed-at-call", "timeout.query.when"]
features = ["timeout"]
description = "timeout(d) fixes its deadline loop.time()+d when called, not when entered."
"""
import asyncio


async def main():
    cm = asyncio.timeout(1)
    log("when", cm.when())
    await asyncio.sleep(0.5)
    try:
        async with cm:
            await asyncio.sleep(10)
    except TimeoutError:
        log("timed out")
