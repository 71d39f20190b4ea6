"""
id = "shield.cancel-race"
clauses = ["shield.cancel.race-with-completion"]
features = ["shield", "futures", "call-later"]
description = "The awaiter is cancelled in the same callback that completes the inner future: the awaiter still gets CancelledError and the inner keeps its result."
"""
import asyncio


def finish(f, t):
    f.set_result("value")
    t.cancel()


async def waiter(f):
    try:
        r = await asyncio.shield(f)
        log("returned", r)
    except asyncio.CancelledError:
        log("cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(waiter(f))
    await asyncio.sleep(0)
    loop.call_later(0.1, finish, f, t)
    try:
        await t
    except asyncio.CancelledError:
        pass
    log("states", t.cancelled(), f.result())
