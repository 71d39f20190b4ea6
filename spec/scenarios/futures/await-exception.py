"""
id = "futures.await-exception"
clauses = ["futures.await.outcome", "futures.result.exception-reraised"]
features = ["futures"]
description = "Awaiting a future finished with an exception raises that same exception object in the awaiter; awaiting a cancelled future raises CancelledError with its message."
"""
import asyncio


class Boom(Exception):
    pass


def fail(fut, exc):
    fut.set_exception(exc)


def stop(fut):
    fut.cancel("fut cancelled")


async def main():
    loop = asyncio.get_running_loop()
    exc = Boom("from callback")
    f1 = loop.create_future()
    loop.call_soon(fail, f1, exc)
    try:
        await f1
    except Boom as e:
        log("raised", e, e is exc)
    f2 = asyncio.Future()
    loop.call_soon(stop, f2)
    try:
        await f2
    except asyncio.CancelledError as e:
        log("cancelled", e, f2.cancelled())
    log("task not cancelled", asyncio.current_task().cancelled(), asyncio.current_task().cancelling())
