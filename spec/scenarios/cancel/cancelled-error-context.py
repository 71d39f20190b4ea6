"""
id = "cancel.cancelled-error-context"
clauses = ["cancel.message"]
features = ["cancel-msg", "call-soon", "futures"]
description = "A task awaiting another task that is cancelled with a message by a callback catches a CancelledError and raises its own exception from it: the exception's __cause__ is the CancelledError with the message."
"""
import asyncio


class Wrapped(Exception):
    pass


def cancel_with(t, msg):
    t.cancel(msg)


async def sleeper(fut):
    fut.set_result(None)
    await asyncio.sleep(10)


async def coro():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    inner_task = asyncio.create_task(sleeper(fut))
    await fut
    loop.call_soon(cancel_with, inner_task, "msg")
    try:
        await inner_task
    except asyncio.CancelledError as ex:
        raise Wrapped("cancelled") from ex


async def main():
    t = asyncio.create_task(coro())
    try:
        await t
    except Wrapped as exc:
        log("caught", exc, exc.__cause__, t.cancelled())
