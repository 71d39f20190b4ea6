"""
id = "gather.first-exception"
clauses = ["gather.error.first-exception-propagates", "gather.error.siblings-keep-running"]
features = ["gather"]
description = "Without return_exceptions the first child exception reaches the awaiter at once; the sibling keeps running and finishes later."
"""
import asyncio


class Boom(Exception):
    pass


async def fails():
    await asyncio.sleep(0.1)
    raise Boom("first")


async def slow():
    await asyncio.sleep(0.5)
    log("sibling finished")
    return "slow"


async def main():
    s = asyncio.create_task(slow())
    g = asyncio.gather(fails(), s)
    try:
        await g
    except Boom as e:
        log("caught", e)
    log("outer", g.done(), g.cancelled(), s.done())
    await s
    log("sibling result", s.result())
