"""
id = "threads.run-coroutine-threadsafe-result"
clauses = ["threads.run-coroutine-threadsafe.result", "threads.to-thread.result"]
features = ["threads"]
description = "A worker thread submits a coroutine with run_coroutine_threadsafe; it runs as a task on the loop (virtual timers work), and the thread gets its return value from the concurrent future."
"""
import asyncio


async def compute(x):
    log("coro start", asyncio.current_task() is not None)
    await asyncio.sleep(2)
    log("coro end")
    return x * 10


def in_thread(loop):
    fut = asyncio.run_coroutine_threadsafe(compute(4), loop)
    return fut.result()


async def main():
    loop = asyncio.get_running_loop()
    r = await asyncio.to_thread(in_thread, loop)
    log("thread returned", r)
