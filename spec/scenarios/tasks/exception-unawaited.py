"""
id = "tasks.exception-unawaited"
clauses = ["tasks.exception.stored-unawaited"]
features = []
description = "A task that raises while nobody awaits it ends with the exception stored: the exception does not escape into other tasks, and it can be read later with exception() or by awaiting."
"""
import asyncio


class Boom(Exception):
    pass


async def child():
    raise Boom("nobody listens")


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    log("main unaffected", t.done(), t.cancelled())
    await asyncio.sleep(0.1)
    log("exception()", t.exception())
    try:
        await t
    except Boom as e:
        log("await raises", e)
