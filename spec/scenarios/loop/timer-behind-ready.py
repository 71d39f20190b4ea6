"""
id = "loop.timer-behind-ready"
clauses = ["loop.timer.behind-ready", "loop.timer.past-deadline"]
features = ["call-soon", "call-later"]
description = "A due timer (call_later(0), negative delay) runs after the call_soon handles already queued, even those scheduled after it."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, log, "later(0) #1")
    loop.call_soon(log, "soon #2")
    loop.call_later(-5, log, "later(-5) #3")
    loop.call_soon(log, "soon #4")
    log("scheduled")
    await asyncio.sleep(0.5)
    log("main resumed")
