"""
id = "event.set-then-clear"
clauses = ["event.set.clear-before-wakeup"]
features = ["event"]
description = "Waiters woken by set() still return True even if clear() is called before they run; a task that starts waiting after the clear() blocks until the next set()."
"""
import asyncio


async def waiter(ev, name):
    r = await ev.wait()
    log("woke", name, r, ev.is_set())


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    b = asyncio.create_task(waiter(ev, "b"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("b done", b.done())
    ev.set()
    await b
