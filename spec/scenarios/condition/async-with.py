"""
id = "condition.async-with"
clauses = ["condition.async-with.acquire-release"]
features = ["condition"]
description = "async with cond acquires the condition's lock on entry (locked() True inside, another acquirer waits) and releases it on exit, also when the body raises."
"""
import asyncio


class Boom(Exception):
    pass


async def other(cond):
    async with cond:
        log("other acquired")


async def main():
    cond = asyncio.Condition()
    log("before", cond.locked())
    async with cond:
        log("inside", cond.locked())
        t = asyncio.create_task(other(cond))
        await asyncio.sleep(0)
        log("other waiting", t.done())
    log("after", cond.locked())
    await t
    try:
        async with cond:
            raise Boom("body")
    except Boom:
        log("after raise", cond.locked())
