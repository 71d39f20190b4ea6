"""
id = "wait_for.result-before-timeout"
clauses = ["wait_for.result.before-deadline", "wait_for.error.inner-exception"]
features = ["wait-for"]
description = "A result or exception produced before the deadline is returned or raised unchanged, and nothing happens at the deadline afterwards."
"""
import asyncio


class Boom(Exception):
    pass


async def job(d):
    await asyncio.sleep(d)
    return d


async def bad():
    await asyncio.sleep(0.1)
    raise Boom("inner")


async def main():
    log("result", await asyncio.wait_for(job(0.5), 1))
    try:
        await asyncio.wait_for(bad(), 1)
    except Boom as e:
        log("caught", e)
    await asyncio.sleep(2)
    log("still fine", asyncio.current_task().cancelling())
