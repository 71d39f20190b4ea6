"""
id = "timeout.no-expiry"
clauses = ["timeout.exit.disarms"]
features = ["timeout", "uncancel"]
description = "A body finishing before the deadline exits normally; expired() is False and the deadline passing later has no effect."
"""
import asyncio


async def main():
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.5)
        log("body done")
    log("expired", cm.expired())
    await asyncio.sleep(2)
    log("later", asyncio.current_task().cancelling())
