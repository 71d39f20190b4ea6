"""
id = "timeout.around-taskgroup-expires"
clauses = ["timeout.combination.taskgroup-cancelled-converts"]
features = ["timeout", "taskgroup", "uncancel", "call-later"]
description = "A timeout expires while a TaskGroup body waits: the group is aborted (its children cancelled and awaited), propagates CancelledError, and the timeout turns it into TimeoutError (no exception group)."
"""
import asyncio


async def job(n):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("child cancelled", n)
        await asyncio.sleep(0.2)
        log("child cleanup done", n)
        raise


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(job(1))
                await asyncio.sleep(10)
    except TimeoutError:
        log("timeout", loop.time())
    log("cancelling", asyncio.current_task().cancelling())
