"""
id = "loop.call-later-bad-delay"
clauses = ["loop.time.call-later-is-call-at"]
features = ["call-later"]
description = "call_later(None, ...) raises TypeError synchronously and schedules nothing."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.call_later(None, log, "never")
    except TypeError as e:
        log("caught", e)
    await asyncio.sleep(0.1)
    log("done")
