"""
id = "loop.callback-exception-continues"
clauses = ["loop.callback.exception-continues"]
features = ["call-soon", "call-later"]
description = "A callback that raises does not stop the loop: the exception goes to the loop's exception handler and the remaining handles of the iteration and later ones still run."
"""
import asyncio


class Boom(Exception):
    pass


def bad(name):
    log("bad", name)
    raise Boom(name)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "before")
    loop.call_soon(bad, "soon")
    loop.call_soon(log, "after")
    loop.call_later(0.1, bad, "timer")
    loop.call_later(0.2, log, "later timer")
    await asyncio.sleep(0.3)
    log("main still running")
