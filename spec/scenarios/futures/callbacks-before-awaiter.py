"""
id = "futures.callbacks-before-awaiter"
clauses = ["futures.callbacks.scheduled-in-order", "futures.await.pending-resumes-next-iteration"]
features = ["futures", "call-soon"]
description = "An awaiting task's wakeup is just another done callback: callbacks registered before the task awaited run before it resumes, those registered after run after it."
"""
import asyncio


def early(fut):
    log("early callback")


def late(fut):
    log("late callback")


async def waiter(fut):
    log("waiter awaits")
    r = await fut
    log("waiter resumed", r)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(early)
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.add_done_callback(late)
    fut.set_result("r")
    await t
    log("done")
