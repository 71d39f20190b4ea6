"""
id = "plain.timeout-reschedule"
clauses = ["timeout.reschedule.moves-deadline"]
description = "reschedule() moves a timeout's deadline while the block is running."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(0.5)
            cm.reschedule(loop.time() + 3)
            log("new deadline", cm.when())
            await asyncio.sleep(2)
            log("still inside", loop.time())
            await asyncio.sleep(5)
    except TimeoutError:
        log("expired at", loop.time(), cm.expired())
