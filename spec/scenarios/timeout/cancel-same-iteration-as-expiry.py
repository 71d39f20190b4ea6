"""
id = "timeout.cancel-same-iteration-as-expiry"
clauses = ["timeout.exit.foreign-cancel-propagates", "timeout.reschedule.past-is-call-soon"]
features = ["timeout", "uncancel", "call-soon"]
description = "An external cancel arriving in the same iteration as the expiry (right after it) wins: CancelledError propagates instead of TimeoutError, expired() is True and cancelling() stays 1."
"""
import asyncio


def cancel_it(t):
    t.cancel()


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time())
            loop.call_soon(cancel_it, me)
            await asyncio.sleep(1)
    except TimeoutError:
        log("timeout")
    except asyncio.CancelledError:
        log("cancelled", cm.expired(), me.cancelling())
    me.uncancel()
    log("after uncancel", me.cancelling())
