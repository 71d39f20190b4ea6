"""
id = "timeout.nested-both-expire"
clauses = ["timeout.nested.both-expired-outermost-converts", "timeout.reschedule.past-is-call-soon"]
features = ["timeout", "uncancel"]
description = "Both nested timeouts expire before the task resumes: the inner lets CancelledError through (both expired) and only the outer raises TimeoutError."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(10) as outer:
            try:
                async with asyncio.timeout(20) as inner:
                    inner.reschedule(loop.time())
                    outer.reschedule(loop.time())
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                log("inner passed cancel", inner.expired(), asyncio.current_task().cancelling())
                raise
            except TimeoutError:
                log("inner converted - unexpected")
    except TimeoutError:
        log("outer timeout", outer.expired(), asyncio.current_task().cancelling())
