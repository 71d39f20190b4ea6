"""
id = "semaphore.bounded-over-release"
clauses = ["semaphore.bounded.over-release"]
features = ["semaphore"]
description = "BoundedSemaphore(1).release() without a matching acquire raises ValueError and leaves the value unchanged; balanced use works."
"""
import asyncio


async def main():
    b = asyncio.BoundedSemaphore(1)
    try:
        b.release()
    except ValueError as e:
        log("over-release", e)
    await b.acquire()
    log("acquired", b.locked())
    b.release()
    log("released", b.locked())
    try:
        b.release()
    except ValueError as e:
        log("over-release again", e, b.locked())
    async with b:
        log("inside", b.locked())
    log("after", b.locked())
