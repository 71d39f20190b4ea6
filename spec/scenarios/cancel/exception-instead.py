"""
id = "cancel.exception-instead"
clauses = ["cancel.swallowed"]
features = ["uncancel"]
description = "A coroutine that answers CancelledError by raising another exception ends with that exception: the task is not cancelled and awaiters get the new exception."
"""
import asyncio


class Boom(Exception):
    pass


async def child():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise Boom("instead")


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except Boom as e:
        log("caught", e, isinstance(e.__context__, asyncio.CancelledError))
    log("state", t.cancelled(), t.cancelling(), t.exception())
