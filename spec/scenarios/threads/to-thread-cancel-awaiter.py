"""
id = "threads.to-thread-cancel-awaiter"
clauses = ["threads.to-thread.cancel-awaiter"]
features = ["threads", "cancel-msg"]
description = "Cancelling the task awaiting to_thread (right after its first step) ends that task cancelled at once, with the message; the thread's eventual result is discarded."
"""
import asyncio


def work(n):
    total = 0
    for i in range(n):
        total += i
    return total


async def runner():
    r = await asyncio.to_thread(work, 1000)
    log("not reached", r)


async def main():
    t = asyncio.create_task(runner())
    await asyncio.sleep(0)
    log("cancel", t.cancel("stop"))
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e)
    log("state", t.cancelled())
