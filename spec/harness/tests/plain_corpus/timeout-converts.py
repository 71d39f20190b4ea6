"""
id = "plain.timeout-converts"
clauses = ["timeout.exit.converts-to-timeout-error"]
description = "When an asyncio.timeout() expires, the CancelledError is converted to TimeoutError at the exit of the block."
"""
import asyncio


async def main():
    reached_end = False
    try:
        async with asyncio.timeout(2):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                log("inside", type(e).__name__)
                raise
            reached_end = True
    except TimeoutError as e:
        log("outside", type(e).__name__, reached_end)
    log("time", asyncio.get_running_loop().time())
