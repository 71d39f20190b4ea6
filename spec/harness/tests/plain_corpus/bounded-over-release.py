"""
id = "plain.bounded-over-release"
clauses = ["semaphore.bounded.over-release"]
description = "Releasing a BoundedSemaphore above its initial value raises ValueError."
"""
import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    async with sem:
        log("held", sem.locked())
    try:
        sem.release()
    except ValueError as e:
        log("over-release", type(e).__name__)
    log("locked", sem.locked())
