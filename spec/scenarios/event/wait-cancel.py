"""
id = "event.wait-cancel"
clauses = ["event.wait.cancel"]
features = ["event", "cancel-msg"]
description = "Cancelling a task blocked in wait() raises CancelledError (with the message) out of wait(); the other waiters are unaffected and still woken by set()."
"""
import asyncio


async def waiter(ev, name):
    try:
        await ev.wait()
        log("woke", name)
    except asyncio.CancelledError as e:
        log("cancelled", name, e)
        raise


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    b = asyncio.create_task(waiter(ev, "b"))
    await asyncio.sleep(0)
    a.cancel("no wait")
    await asyncio.sleep(0)
    ev.set()
    await b
    log("a cancelled", a.cancelled())
