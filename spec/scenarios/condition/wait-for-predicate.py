"""
id = "condition.wait-for-predicate"
clauses = ["condition.wait-for.predicate"]
features = ["condition"]
description = "wait_for(pred) returns pred()'s value at once (no wait) when it is truthy; otherwise it waits and re-checks after every wakeup, returning the first truthy value."
"""
import asyncio

level = 0


def ready():
    if level >= 2:
        return ["level", level]
    return 0


async def consumer(cond):
    async with cond:
        r = await cond.wait_for(ready)
        log("consumer got", r)


async def main():
    global level
    cond = asyncio.Condition()
    t = asyncio.create_task(consumer(cond))
    await asyncio.sleep(0)
    for i in range(2):
        async with cond:
            level += 1
            log("level", level)
            cond.notify()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    await t
    async with cond:
        r = await cond.wait_for(ready)
        log("immediate", r)
