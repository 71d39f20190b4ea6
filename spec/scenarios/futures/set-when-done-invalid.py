"""
id = "futures.set-when-done-invalid"
clauses = ["futures.set.done-invalid"]
features = ["futures"]
description = "set_result/set_exception on a finished or cancelled future raise InvalidStateError and leave its outcome unchanged."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("first")
    try:
        fut.set_result("second")
    except asyncio.InvalidStateError as e:
        log("set_result twice", e)
    try:
        fut.set_exception(Boom("late"))
    except asyncio.InvalidStateError as e:
        log("set_exception after result", e)
    log("kept", fut.result())
    fut2 = loop.create_future()
    fut2.cancel()
    try:
        fut2.set_result("x")
    except asyncio.InvalidStateError as e:
        log("set_result after cancel", e)
    log("still cancelled", fut2.cancelled())
