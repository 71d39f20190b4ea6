"""
id = "timeout.expired-states"
clauses = ["timeout.query.expired"]
features = ["timeout"]
description = "expired() is False before entering and inside the body until the deadline, True from expiry on (inside the except handler and after exit)."
"""
import asyncio


async def main():
    cm = asyncio.timeout(1)
    log("created", cm.expired())
    try:
        async with cm:
            log("entered", cm.expired())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("expiring", cm.expired())
                raise
    except TimeoutError:
        log("exited", cm.expired())
