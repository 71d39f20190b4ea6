"""
id = "tasks.exception-context-no-cycle"
clauses = ["tasks.await.exception-context-no-cycle", "tasks.await.exception-propagates"]
features = []
description = "A task raises the very exception its awaiter is handling (passed to it as an argument): `await task` inside that except block raises the same object again, and it is not made its own __context__ (no cycle): its context stays None."
"""
import asyncio


class First(Exception):
    pass


async def process_exc(exc):
    raise exc


async def main():
    try:
        raise First("a")
    except First as exc:
        t = asyncio.create_task(process_exc(exc))
        try:
            await t
        except First as e:
            log("re-raised", e, e is exc, e is t.exception())
            log("context", e.__context__ is e, e.__context__)
