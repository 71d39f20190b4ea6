"""
id = "timeout.past-deadline-expires-next-iteration"
clauses = ["timeout.reschedule.past-is-call-soon", "timeout.query.expired"]
features = ["timeout", "call-soon", "uncancel"]
description = "A deadline already passed (reschedule() into the past, or timeout(0) at enter) does not expire synchronously: expired() stays False and cancelling() 0 until the call_soon'd expiry runs, after the callbacks queued before it."
"""
import asyncio


def peek(cm):
    log("callback queued before the reschedule: expired", cm.expired())


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(10) as cm:
            loop.call_soon(peek, cm)
            cm.reschedule(loop.time() - 1)
            log("right after reschedule: expired", cm.expired(), me.cancelling())
            await asyncio.sleep(0)
            log("not reached")
    except TimeoutError:
        log("timeout", cm.expired(), me.cancelling())
    try:
        async with asyncio.timeout(0) as cm2:
            log("timeout(0) entered: expired", cm2.expired(), me.cancelling())
            await asyncio.sleep(5)
            log("not reached")
    except TimeoutError:
        log("timeout(0) fired", cm2.expired(), me.cancelling())
