"""
id = "futures.callback-already-done"
clauses = ["futures.callbacks.already-done"]
features = ["futures", "call-soon"]
description = "add_done_callback on a future that is already done does not call the callback synchronously: it is scheduled with call_soon right away."
"""
import asyncio


def cb(fut):
    log("callback", fut.result())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(7)
    loop.call_soon(log, "queued first")
    fut.add_done_callback(cb)
    log("after add_done_callback")
    loop.call_soon(log, "queued after")
    await asyncio.sleep(0)
    log("done")
