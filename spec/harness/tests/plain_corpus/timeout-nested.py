"""
id = "plain.timeout-nested"
clauses = ["timeout.nested.inner-only"]
description = "When only the inner of two nested timeouts expires, only the inner one raises TimeoutError."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(10) as outer:
        try:
            async with asyncio.timeout(1) as inner:
                await asyncio.sleep(5)
        except TimeoutError:
            log("inner timed out", loop.time())
        await asyncio.sleep(1)
    log("expired", [("inner", inner.expired()), ("outer", outer.expired())])
