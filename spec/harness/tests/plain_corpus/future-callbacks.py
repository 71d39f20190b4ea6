"""
id = "plain.future-callbacks"
clauses = ["futures.callbacks.scheduled-in-order"]
description = "Done callbacks of a future are scheduled in registration order when it completes."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    mirror = loop.create_future()
    calls = []
    for i in range(3):
        fut.add_done_callback(lambda f, i=i: calls.append(("cb", i, f.result())))
    fut.add_done_callback(lambda f: mirror.set_result(f.result() * 2))
    fut.set_result(21)
    log("right after set", calls)
    log("mirror", await mirror)
    log("calls", calls)
