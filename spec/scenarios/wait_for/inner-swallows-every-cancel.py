"""
id = "wait_for.inner-swallows-every-cancel"
clauses = ["wait_for.timeout.cancel-suppressed-returns", "wait_for.timeout.waits-for-inner"]
features = ["wait-for", "uncancel", "call-later"]
description = "An inner coroutine that swallows every cancellation and keeps working until it returns: wait_for cancels it once at the deadline, waits until it returns, and returns its value (no TimeoutError)."
"""
import asyncio


async def stubborn():
    n = 0
    while n < 3:
        try:
            await asyncio.sleep(1)
            n += 1
            log("step", n)
        except asyncio.CancelledError:
            log("swallowed")
    return "finished"


async def main():
    loop = asyncio.get_running_loop()
    log("result", await asyncio.wait_for(stubborn(), 1.5), loop.time())
    log("cancelling", asyncio.current_task().cancelling())
