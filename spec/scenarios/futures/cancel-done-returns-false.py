"""
id = "futures.cancel-done-returns-false"
clauses = ["futures.cancel.done-returns-false"]
features = ["futures"]
description = "cancel() on a future that already has a result or an exception returns False and changes nothing; no done callback runs a second time."
"""
import asyncio


class Boom(Exception):
    pass


def cb(fut):
    log("callback", fut)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(cb)
    fut.set_result(1)
    log("cancel finished", fut.cancel(), fut.cancelled(), fut.result())
    bad = loop.create_future()
    bad.set_exception(Boom("b"))
    log("cancel failed", bad.cancel(), bad.cancelled(), bad.exception())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("done")
