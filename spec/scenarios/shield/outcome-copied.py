"""
id = "shield.outcome-copied"
clauses = ["shield.outer.copies-outcome"]
features = ["shield"]
description = "The shield's outer future takes the inner's result, or its exception."
"""
import asyncio


class Boom(Exception):
    pass


async def ok():
    await asyncio.sleep(0.1)
    return "fine"


async def bad():
    await asyncio.sleep(0.1)
    raise Boom("inner")


async def main():
    log("result", await asyncio.shield(ok()))
    try:
        await asyncio.shield(bad())
    except Boom as e:
        log("raised", e)
