"""
id = "timeout.reschedule-past"
clauses = ["timeout.reschedule.past-is-call-soon"]
features = ["timeout", "call-soon"]
description = "reschedule() to a deadline <= now schedules the expiry with call_soon: it runs in the next iteration, before the task's own step queued by sleep(0), so that sleep(0) raises CancelledError."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time())
            loop.call_soon(tick, 1)
            try:
                await asyncio.sleep(0)
                log("not reached")
            except asyncio.CancelledError:
                log("sleep(0) cancelled")
                raise
    except TimeoutError:
        log("timeout", cm.expired())
