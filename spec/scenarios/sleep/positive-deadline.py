"""
id = "sleep.positive-deadline"
clauses = ["sleep.positive.timer"]
features = ["call-later"]
description = "sleep(d) for d > 0 resumes when the clock has reached the start time plus d, after callbacks due earlier and before those due later."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, log, "timer 0.2")
    loop.call_later(0.3, log, "timer 0.3")
    t0 = loop.time()
    await asyncio.sleep(0.25)
    log("slept 0.25", loop.time() - t0 >= 0.25)
    await asyncio.sleep(0.5)
    log("slept 0.5 more")
