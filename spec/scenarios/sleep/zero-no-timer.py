"""
id = "sleep.zero-no-timer"
clauses = ["sleep.zero.one-iteration", "sleep.positive.timer"]
features = ["call-later"]
description = "sleep(0) does not wait for pending timers: with a timer due later, the task resumes at the current time, before that timer fires."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(1, log, "timer at 1")
    await asyncio.sleep(0)
    log("after sleep(0)")
    await asyncio.sleep(2)
    log("after sleep(2)")
