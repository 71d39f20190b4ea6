"""
id = "plain.shield-copies"
clauses = ["shield.outer.copies-outcome"]
description = "The future returned by shield() gets the inner result or exception."
"""
import asyncio


class Oops(Exception):
    pass


async def compute(x):
    await asyncio.sleep(x)
    if x > 1:
        raise Oops(x)
    return x * 2


async def main():
    log("ok", await asyncio.shield(compute(1)))
    try:
        await asyncio.shield(compute(2))
    except Oops as e:
        log("error", e)
