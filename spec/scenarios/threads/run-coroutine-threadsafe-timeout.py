"""
id = "threads.run-coroutine-threadsafe-timeout"
clauses = ["threads.run-coroutine-threadsafe.result-timeout", "threads.run-coroutine-threadsafe.cancel"]
features = ["threads", "event", "all-tasks"]
description = "A worker thread submits a coroutine that waits on an event nobody sets and calls result(0) on the concurrent future: TimeoutError is raised in the thread at once; the thread then cancels the future, and the loop task running the coroutine ends cancelled, leaving no pending task."
"""
import asyncio


async def add(ev, a, b):
    await ev.wait()
    return a + b


def target(loop, ev):
    fut = asyncio.run_coroutine_threadsafe(add(ev, 1, 2), loop)
    try:
        return fut.result(0)
    finally:
        fut.done() or fut.cancel()


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    try:
        r = await asyncio.to_thread(target, loop, ev)
        log("thread returned", r)
    except TimeoutError as e:
        log("thread raised", e)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("pending tasks", len(asyncio.all_tasks()), ev.is_set())
