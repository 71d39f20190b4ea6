"""
id = "cancel.forwarded-to-future"
clauses = ["cancel.forwarded-to-future", "cancel.message"]
features = ["cancel-msg", "futures"]
description = "Cancelling a task suspended on a future cancels that future at once with the same message; the task then sees CancelledError with that message."
"""
import asyncio


def watch(fut):
    log("future callback", fut.cancelled())


async def child(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        log("child caught", e)
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(watch)
    t = asyncio.create_task(child(fut))
    await asyncio.sleep(0)
    t.cancel("msg")
    log("future cancelled at once", fut.cancelled())
    try:
        fut.result()
    except asyncio.CancelledError as e:
        log("future carries", e)
    try:
        await t
    except asyncio.CancelledError as e:
        log("main caught", e)
