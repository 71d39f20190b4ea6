"""
id = "plain.event-wakes-all"
clauses = ["event.set.wakes-all"]
description = "Event.set() wakes every task waiting on the event."
"""
import asyncio


async def main():
    ready = asyncio.Event()
    woken = []

    async def waiter(n):
        await ready.wait()
        woken.append(n)

    waiters = [asyncio.create_task(waiter(n)) for n in range(4)]
    await asyncio.sleep(1)
    log("before set", woken, ready.is_set())
    ready.set()
    await asyncio.gather(*waiters)
    log("after set", sorted(woken), len(woken) == len(waiters))
