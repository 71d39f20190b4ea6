"""
id = "plain.wait-for-timeout"
clauses = ["wait_for.timeout.cancels-and-raises"]
description = "When wait_for times out it cancels the inner task and raises TimeoutError."
"""
import asyncio


async def main():
    events = []

    async def download():
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            events.append("download cancelled")
            raise

    try:
        await asyncio.wait_for(download(), timeout=1.5)
    except asyncio.TimeoutError as exc:
        log("timeout", type(exc).__name__, events)
    log("at", asyncio.get_running_loop().time())
