"""
id = "futures.set-exception"
clauses = ["futures.result.exception-reraised", "futures.set-exception.class-instantiated"]
features = ["futures"]
description = "After set_exception(e), exception() returns e itself and result() raises e itself; set_exception(Class) stores a new instance of the class."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    exc = Boom("kaboom")
    fut.set_exception(exc)
    log("state", fut.done(), fut.cancelled(), fut.exception() is exc)
    try:
        fut.result()
    except Boom as e:
        log("result() raised", e, e is exc)
    fut2 = loop.create_future()
    fut2.set_exception(Boom)
    e2 = fut2.exception()
    log("class instantiated", isinstance(e2, Boom), e2)
