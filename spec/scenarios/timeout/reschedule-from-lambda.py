"""
id = "timeout.reschedule-from-lambda"
clauses = ["timeout.reschedule.moves-deadline", "timeout.query.when", "timeout.exit.converts-to-timeout-error"]
features = ["timeout", "call-later"]
description = "A timer callback (a lambda closing over the timeout object) may reschedule a timeout while the body sleeps: the deadline moves, the old one passes without effect, and the body is cancelled at the new one; rescheduling to None from a callback disables the timeout."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            loop.call_later(0.5, lambda: cm.reschedule(cm.when() + 2))
            await asyncio.sleep(2)
            log("survived old deadline", cm.when(), cm.expired())
            await asyncio.sleep(5)
            log("not reached")
    except TimeoutError:
        log("timed out", cm.when(), cm.expired())
    async with asyncio.timeout(1) as cm2:
        loop.call_later(0.5, lambda: cm2.reschedule(None))
        await asyncio.sleep(3)
    log("disabled", cm2.when(), cm2.expired())
