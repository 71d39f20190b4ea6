"""
id = "loop.bound-append-callbacks"
clauses = ["loop.call-soon.args", "loop.call-soon.fifo", "loop.timer.order-by-when"]
features = ["call-soon", "call-later"]
description = "Bound methods such as results.append are ordinary callbacks: call_soon(results.append, x) calls them with the arguments given at scheduling time, in scheduling order; timers scheduled in one order with call_later(d, results.append, name) run in deadline order, and a cancelled one never runs."
"""
import asyncio
from asyncio import get_running_loop


async def main():
    loop = get_running_loop()
    results = []
    delays = {"c": 0.3, "a": 0.1, "d": 0.4, "b": 0.2}
    handles = {name: loop.call_later(delays[name], results.append, name) for name in delays}
    for x in range(3):
        loop.call_soon(results.append, x * x)
    loop.call_soon(results.extend, [10, 11])
    log("scheduled", results)
    await asyncio.sleep(0)
    log("after one iteration", results)
    handles["d"].cancel()
    log("deadlines", {name: h.when() for name, h in handles.items()})
    log("earliest", min(handles, key=lambda name: handles[name].when()))
    await asyncio.sleep(1)
    log("after timers", results[5:], [name for name in handles if handles[name].cancelled()])
