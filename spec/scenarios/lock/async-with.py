"""
id = "lock.async-with"
clauses = ["lock.async-with.release-on-exit"]
features = ["lock"]
description = "`async with lock` acquires on entry (binding None) and releases on exit, also when the body raises; the exception propagates."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    lock = asyncio.Lock()
    async with lock as v:
        log("inside", v, lock.locked())
    log("after", lock.locked())
    try:
        async with lock:
            log("inside again", lock.locked())
            raise Boom("body")
    except Boom as e:
        log("caught", e, lock.locked())
