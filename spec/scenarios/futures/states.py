"""
id = "futures.states"
clauses = ["futures.state.initial-pending", "futures.result.pending-invalid", "futures.result.value"]
features = ["futures"]
description = "A new future is pending (done/cancelled False) and result()/exception() raise InvalidStateError; after set_result it is done, result() returns the value and exception() None."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    log("new", fut.done(), fut.cancelled(), fut)
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        log("result() on pending", e)
    try:
        fut.exception()
    except asyncio.InvalidStateError as e:
        log("exception() on pending", e)
    fut.set_result(42)
    log("set", fut.done(), fut.cancelled(), fut)
    log("result", fut.result(), fut.exception())
