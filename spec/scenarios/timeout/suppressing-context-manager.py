"""
id = "timeout.suppressing-context-manager"
clauses = ["timeout.exit.no-error-if-swallowed", "timeout.expiry.cancels-task", "timeout.query.expired", "cancel.swallowed"]
features = ["timeout", "uncancel", "all-tasks"]
description = "Inside asyncio.timeout(), an async iterator whose __anext__ sleeps is interrupted at the deadline; the CancelledError (no message) reaches the __aexit__ of a user-defined async context manager, which suppresses it by returning True. The timeout then exits without raising: expired() is True, the task's cancelling() is back to 0, and the task continues normally. The same manager returning a false value for a foreign exception lets it through."
"""
import asyncio


class Boom(Exception):
    pass


class Ticks:
    def __init__(self, step, *, limit=10):
        self.step = step
        self.limit = limit
        self.n = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n >= self.limit:
            raise StopAsyncIteration
        await asyncio.sleep(self.step)
        self.n += 1
        return self.n


class Absorb:
    def __init__(self, *kinds):
        self.kinds = kinds
        self.seen = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.seen.append(None)
            return False
        self.seen.append(exc_type.__name__)
        log("aexit", exc, asyncio.current_task().cancelling())
        return exc_type in self.kinds


async def main():
    task = asyncio.current_task()
    ticks = Ticks(1)
    async with asyncio.timeout(2.5) as cm:
        async with Absorb(asyncio.CancelledError) as absorb:
            async for n in ticks:
                log("tick", n)
        log("after absorb", absorb.seen, task.cancelling())
    log("timeout exit", cm.expired(), task.cancelling(), ticks.n)
    await asyncio.sleep(0.5)
    log("still running", task.cancelling())

    other = Absorb(asyncio.CancelledError)
    try:
        async with other:
            async for n in Ticks(0.25, limit=2):
                log("short tick", n)
            raise Boom("through")
    except Boom as e:
        log("passed", e, other.seen)
