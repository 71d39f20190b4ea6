"""
id = "futures.set-exception-stopiteration"
clauses = ["futures.set-exception.stop-iteration"]
features = ["futures"]
description = "set_exception(StopIteration()) cannot store a StopIteration: older versions raise TypeError, newer ones store a RuntimeError caused by it."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        fut.set_exception(StopIteration())
        log("accepted", fut.done())
        e = fut.exception()
        log("stored", e, isinstance(e.__cause__, StopIteration))
    except TypeError as e:
        log("rejected", e, fut.done())
