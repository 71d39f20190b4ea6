"""
id = "timeout.nested-inner-expires"
clauses = ["timeout.nested.inner-only"]
features = ["timeout"]
description = "With nested timeouts where only the inner expires, the inner raises TimeoutError and the outer is unaffected."
"""
import asyncio


async def main():
    async with asyncio.timeout(5) as outer:
        try:
            async with asyncio.timeout(1) as inner:
                await asyncio.sleep(10)
        except TimeoutError:
            log("inner timeout", inner.expired())
        await asyncio.sleep(1)
        log("outer body continues")
    log("outer", outer.expired())
