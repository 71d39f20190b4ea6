"""
id = "gather.cancel-after-done"
clauses = ["gather.cancel.done-returns-false", "gather.error.siblings-keep-running"]
features = ["gather"]
description = "Once a child failure completed the gather, outer.cancel() returns False and does not cancel the remaining child."
"""
import asyncio


class Boom(Exception):
    pass


async def fails():
    raise Boom()


async def slow():
    await asyncio.sleep(1)
    return "slow done"


async def main():
    s = asyncio.create_task(slow())
    g = asyncio.gather(fails(), s)
    try:
        await g
    except Boom as e:
        log("caught", e)
    log("cancel", g.cancel())
    log("sibling", await s, s.cancelled())
