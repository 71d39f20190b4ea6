"""
id = "timeout.nested-outer-expires"
clauses = ["timeout.nested.outer-converts"]
features = ["timeout"]
description = "When only the outer timeout expires, the inner context lets CancelledError pass and the outer converts it to TimeoutError."
"""
import asyncio


async def main():
    try:
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(5) as inner:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("inner let cancel through", inner.expired())
                raise
    except TimeoutError:
        log("outer timeout", outer.expired())
