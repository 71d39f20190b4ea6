"""
id = "timeout.foreign-exception-before-deadline"
clauses = ["timeout.exit.other-exception-passes", "timeout.exit.disarms"]
features = ["timeout", "uncancel"]
description = "An exception raised in a timeout's body before the deadline passes through unchanged (no TimeoutError, no added context); the timeout is not expired and never fires later."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    cm = None
    try:
        async with asyncio.timeout(0.01) as cm:
            raise Boom("body")
    except Boom as e:
        log("caught", e, e.__context__, cm.expired())
    await asyncio.sleep(1)
    log("later", cm.expired(), asyncio.current_task().cancelling())
