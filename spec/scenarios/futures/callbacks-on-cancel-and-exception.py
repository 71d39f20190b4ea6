"""
id = "futures.callbacks-on-cancel-and-exception"
clauses = ["futures.callbacks.scheduled-in-order", "futures.cancel.pending"]
features = ["futures"]
description = "Done callbacks run for every way of completing: set_exception and cancel schedule them exactly like set_result."
"""
import asyncio


class Boom(Exception):
    pass


def report(fut):
    if fut.cancelled():
        log("callback: cancelled")
    else:
        log("callback: exception", fut.exception())


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    f1.add_done_callback(report)
    f2.add_done_callback(report)
    f2.cancel()
    f1.set_exception(Boom("x"))
    log("completed both")
    await asyncio.sleep(0)
    log("done")
