"""
id = "threads.call-soon-threadsafe-fifo"
clauses = ["threads.call-soon-threadsafe.fifo"]
features = ["threads", "call-soon"]
description = "From the loop thread, call_soon_threadsafe queues on the same FIFO ready queue as call_soon: callbacks run in scheduling order in the next iteration, and the returned handle can be cancelled."
"""
import asyncio


def cb(name):
    log("cb", name)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "soon-1")
    loop.call_soon_threadsafe(cb, "threadsafe-2")
    h = loop.call_soon_threadsafe(cb, "threadsafe-cancelled")
    loop.call_soon(cb, "soon-3")
    loop.call_soon_threadsafe(cb, "threadsafe-4")
    h.cancel()
    log("handle cancelled", h.cancelled())
    await asyncio.sleep(0)
    log("after one iteration")
