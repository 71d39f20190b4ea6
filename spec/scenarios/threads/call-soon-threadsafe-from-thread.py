"""
id = "threads.call-soon-threadsafe-from-thread"
clauses = ["threads.call-soon-threadsafe.fifo"]
features = ["threads", "call-soon"]
description = "Callbacks scheduled with call_soon_threadsafe from a worker thread run on the loop in the order the thread scheduled them, all before the worker's result (handed back the same way) resumes the awaiting task."
"""
import asyncio


def cb(i):
    log("cb", i)


def worker(loop):
    for i in range(12):
        loop.call_soon_threadsafe(cb, i)
    return "worker done"


async def main():
    loop = asyncio.get_running_loop()
    r = await asyncio.to_thread(worker, loop)
    log(r)
