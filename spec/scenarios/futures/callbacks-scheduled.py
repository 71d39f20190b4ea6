"""
id = "futures.callbacks-scheduled"
clauses = ["futures.callbacks.scheduled-in-order"]
features = ["futures", "call-soon"]
description = "Done callbacks are not called by set_result itself: each is scheduled with call_soon, in registration order, behind handles already queued, and receives the future."
"""
import asyncio


def cb(name, fut):
    log("callback", name, fut.result())


def one(fut):
    cb("one", fut)


def two(fut):
    cb("two", fut)


def three(fut):
    cb("three", fut)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(two)
    fut.add_done_callback(one)
    fut.add_done_callback(three)
    loop.call_soon(log, "queued before set_result")
    fut.set_result("v")
    log("after set_result")
    loop.call_soon(log, "queued after set_result")
    await asyncio.sleep(0)
    log("done")
