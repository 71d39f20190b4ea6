"""
id = "lock.release-unlocked"
clauses = ["lock.release.unlocked-raises"]
features = ["lock"]
description = "release() on an unlocked lock raises RuntimeError, also after a balanced acquire/release; the lock stays unlocked."
"""
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        log("fresh", e)
    await lock.acquire()
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        log("twice", e)
    log("locked", lock.locked())
