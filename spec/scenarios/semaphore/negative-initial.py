"""
id = "semaphore.negative-initial"
clauses = ["semaphore.init.negative"]
features = ["semaphore"]
description = "Semaphore(-1) and BoundedSemaphore(-1) raise ValueError; Semaphore(0) is valid and locked."
"""
import asyncio


async def main():
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        log("Semaphore(-1)", e)
    try:
        asyncio.BoundedSemaphore(-1)
    except ValueError as e:
        log("BoundedSemaphore(-1)", e)
    s = asyncio.Semaphore(0)
    log("Semaphore(0) locked", s.locked())
