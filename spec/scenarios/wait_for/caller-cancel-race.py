"""
id = "wait_for.caller-cancel-race"
clauses = ["wait_for.cancel.race-with-completion"]
features = ["wait-for", "futures", "call-later", "uncancel"]
description = "The caller is cancelled in the same callback that completes the awaited future: 3.11 returns the result and loses the cancellation, 3.12+ raise CancelledError."
"""
import asyncio


def finish(f, t):
    f.set_result("value")
    t.cancel()


async def caller(f):
    try:
        r = await asyncio.wait_for(f, 10)
        log("returned", r)
    except asyncio.CancelledError:
        log("cancelled")
        raise
    log("cancelling", asyncio.current_task().cancelling())


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(caller(f))
    await asyncio.sleep(0)
    loop.call_later(0.1, finish, f, t)
    try:
        await t
    except asyncio.CancelledError:
        pass
    log("caller task", t.cancelled())
