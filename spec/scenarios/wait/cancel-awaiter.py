"""
id = "wait.cancel-awaiter"
clauses = ["wait.never-cancels"]
features = ["wait", "cancel-msg"]
description = "Cancelling the task blocked in wait() raises CancelledError in it but leaves the awaited tasks running."
"""
import asyncio


async def job():
    await asyncio.sleep(1)
    log("job finished")
    return "job"


async def waiter(t):
    try:
        await asyncio.wait([t])
    except asyncio.CancelledError as e:
        log("waiter cancelled", e)
        raise


async def main():
    j = asyncio.create_task(job())
    w = asyncio.create_task(waiter(j))
    await asyncio.sleep(0.1)
    w.cancel("stop")
    await asyncio.sleep(0)
    log("state", w.cancelled(), j.done())
    log("job", await j)
