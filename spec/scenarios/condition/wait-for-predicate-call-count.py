"""
id = "condition.wait-for-predicate-call-count"
clauses = ["condition.wait-for.predicate"]
features = ["condition"]
description = "wait_for(predicate) calls the predicate once before waiting and exactly once after each wake-up (also a wake-up that changed nothing), holding the lock each time; a truthy first call returns at once without waiting."
"""
import asyncio


async def main():
    cond = asyncio.Condition()
    items = []
    calls = 0

    def has_two():
        nonlocal calls
        calls += 1
        log("predicate", calls, cond.locked(), len(items))
        return len(items) >= 2

    async def consumer():
        async with cond:
            r = await cond.wait_for(has_two)
            log("consumer", r, calls)
            return items[-2:]

    t = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    log("waiting", calls)
    for x in ["p", None, "q"]:
        async with cond:
            if x is not None:
                items.append(x)
            cond.notify_all()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        log("after notify", x, calls)
    log("result", await t)
    async with cond:
        log("immediate", await cond.wait_for(has_two), calls)
