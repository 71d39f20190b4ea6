"""
id = "timeout.reschedule-errors"
clauses = ["timeout.reschedule.only-while-entered"]
features = ["timeout"]
description = "reschedule() raises RuntimeError before the context is entered, while it is expiring, and after it was exited."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(1)
    try:
        cm.reschedule(5)
    except RuntimeError as e:
        log("before enter", e)
    try:
        async with cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                try:
                    cm.reschedule(loop.time() + 10)
                except RuntimeError as e:
                    log("while expiring", e)
                raise
    except TimeoutError:
        log("timed out")
    try:
        cm.reschedule(loop.time() + 10)
    except RuntimeError as e:
        log("after exit", e)
    cm2 = asyncio.timeout(5)
    async with cm2:
        pass
    try:
        cm2.reschedule(None)
    except RuntimeError as e:
        log("after normal exit", e)
