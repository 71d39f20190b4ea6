"""
id = "event.wait-on-set"
clauses = ["event.wait.set-no-suspend", "event.state.is-set"]
features = ["event", "call-soon"]
description = "A new Event is unset; after set() is_set() is True and wait() returns True without suspending (a ticker started before has not run); clear() makes it unset again."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 1:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    ev = asyncio.Event()
    log("initial", ev.is_set())
    ev.set()
    log("after set", ev.is_set())
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await ev.wait()
    log("wait returned", r)
    ev.clear()
    log("after clear", ev.is_set())
    await asyncio.sleep(0)
