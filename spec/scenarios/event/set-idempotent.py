"""
id = "event.set-idempotent"
clauses = ["event.set.idempotent"]
features = ["event"]
description = "set() on an already set event changes nothing: a waiter that arrived after the first set never blocks, and repeated set() calls wake nobody twice."
"""
import asyncio


async def waiter(ev, name):
    r = await ev.wait()
    log("woke", name, r)


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    await asyncio.sleep(0)
    ev.set()
    ev.set()
    await asyncio.sleep(0)
    ev.set()
    b = asyncio.create_task(waiter(ev, "b"))
    await b
    log("a done", a.done(), ev.is_set())
