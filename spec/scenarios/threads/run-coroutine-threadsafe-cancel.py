"""
id = "threads.run-coroutine-threadsafe-cancel"
clauses = ["threads.run-coroutine-threadsafe.cancel", "threads.run-coroutine-threadsafe.fifo"]
features = ["threads", "event"]
description = "Cancelling the concurrent future returned by run_coroutine_threadsafe cancels the task running the coroutine on the loop. Tasks submitted in order start in order, so once the second one returns the first is suspended."
"""
import asyncio


async def waiter(ev):
    log("waiter started")
    try:
        await ev.wait()
    except asyncio.CancelledError:
        log("waiter cancelled")
        raise


async def probe():
    log("probe ran")
    return "probe"


def in_thread(loop, ev):
    fut1 = asyncio.run_coroutine_threadsafe(waiter(ev), loop)
    fut2 = asyncio.run_coroutine_threadsafe(probe(), loop)
    p = fut2.result()
    c = fut1.cancel()
    return [p, c, fut1.cancelled()]


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    r = await asyncio.to_thread(in_thread, loop, ev)
    log("thread returned", r)
    await asyncio.sleep(0)
    log("event set", ev.is_set())
