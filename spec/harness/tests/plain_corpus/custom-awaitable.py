"""
id = "plain.custom-awaitable"
clauses = ["futures.await.outcome"]
description = "Awaiting a future gives its result, or raises its exception."
"""
import asyncio


class Reply:
    """An awaitable wrapping a future that a caller resolves later."""

    def __init__(self):
        self._fut = asyncio.get_running_loop().create_future()

    def resolve(self, value):
        self._fut.set_result(value)

    def fail(self, exc):
        self._fut.set_exception(exc)

    def __await__(self):
        return self._fut.__await__()


class Rejected(Exception):
    pass


async def main():
    loop = asyncio.get_running_loop()
    good, bad = Reply(), Reply()
    loop.call_later(1, good.resolve, ("status", 200))
    loop.call_later(2, bad.fail, Rejected("denied"))
    log("good", await good)
    try:
        await bad
    except Rejected as e:
        log("bad", e, loop.time())
