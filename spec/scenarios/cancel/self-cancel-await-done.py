"""
id = "cancel.self-cancel-await-done"
clauses = ["cancel.self.lands-at-suspension", "futures.await.done-no-suspend"]
features = ["futures"]
description = "A task that cancels itself keeps running through awaits that do not suspend (a done future, a coroutine); the CancelledError lands at its next real suspension point."
"""
import asyncio


async def helper():
    return "helper"


async def child(fut):
    asyncio.current_task().cancel("self")
    r = await fut
    log("awaited done future", r)
    r2 = await helper()
    log("awaited coroutine", r2)
    try:
        await asyncio.sleep(5)
        log("not reached")
    except asyncio.CancelledError as e:
        log("cancelled at sleep", e)
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("done")
    t = asyncio.create_task(child(fut))
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e)
