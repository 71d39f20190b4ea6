"""
id = "as_completed.exception"
clauses = ["as_completed.plain.exception-raised"]
features = ["as-completed"]
description = "Awaiting the awaitable for an input that failed raises that input's exception; iteration continues with the next input."
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    await asyncio.sleep(0.1)
    raise Boom("x")


async def ok():
    await asyncio.sleep(0.2)
    return "ok"


async def main():
    it = asyncio.as_completed([asyncio.create_task(ok()), asyncio.create_task(bad())])
    for f in it:
        try:
            log("next", await f)
        except Boom as e:
            log("raised", e)
