"""
id = "timeout.timeout-at-none"
clauses = ["timeout.create.none-never", "timeout.reschedule.moves-deadline"]
features = ["timeout", "call-later"]
description = "timeout_at(None) never expires (when() is None, expired() False after a long sleep); a later reschedule to an absolute time arms it, and it then fires at that time."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(None) as cm:
            log("when", cm.when())
            await asyncio.sleep(100)
            log("still running", cm.expired())
            cm.reschedule(loop.time() + 2)
            log("rescheduled", cm.when())
            await asyncio.sleep(10)
            log("not reached")
    except TimeoutError:
        log("fired", loop.time(), cm.expired())
