"""
id = "loop.due-timers-same-iteration"
clauses = ["loop.timer.order-by-when", "loop.timer.past-deadline", "loop.iteration.snapshot"]
features = ["call-soon", "call-later"]
description = "Several timers already due at the same iteration all run in that iteration, smallest deadline first, before handles they schedule."
"""
import asyncio


def fire(name):
    log("fire", name)
    asyncio.get_running_loop().call_soon(log, "soon from", name)


def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_at(now - 1, fire, "minus1")
    loop.call_at(now - 3, fire, "minus3")
    loop.call_at(now - 2, fire, "minus2")
    loop.call_soon(tick, 0)
    await asyncio.sleep(0.1)
    log("done")
