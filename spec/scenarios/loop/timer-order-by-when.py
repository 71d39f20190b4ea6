"""
id = "loop.timer-order-by-when"
clauses = ["loop.timer.order-by-when", "loop.timer.not-early"]
features = ["call-later"]
description = "Timers fire in deadline order, not scheduling order, and never before their deadline (loop.time() >= when)."
"""
import asyncio


def fire(name, h_when):
    loop = asyncio.get_running_loop()
    log("fire", name, loop.time() >= h_when)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    loop.call_later(0.3, fire, "c", t0 + 0.3)
    loop.call_later(0.1, fire, "a", t0 + 0.1)
    loop.call_at(t0 + 0.2, fire, "b", t0 + 0.2)
    loop.call_later(0.05, fire, "first", t0 + 0.05)
    await asyncio.sleep(0.4)
    log("done")
