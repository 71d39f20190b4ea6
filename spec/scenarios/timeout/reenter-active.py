"""
id = "timeout.reenter-active"
clauses = ["timeout.enter.once-only"]
features = ["timeout", "call-later"]
description = "Entering a timeout again while it is active (inside its own block) raises RuntimeError at once; the outer timeout still fires at its deadline."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            try:
                async with cm:
                    log("not reached")
            except RuntimeError as e:
                log("re-enter", e)
            await asyncio.sleep(5)
    except TimeoutError:
        log("outer fired", loop.time())
