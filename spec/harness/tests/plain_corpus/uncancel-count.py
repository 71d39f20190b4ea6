"""
id = "plain.uncancel-count"
clauses = ["cancel.uncancel.count"]
description = "cancelling() counts pending cancel requests and uncancel() decrements it."
"""
import asyncio


async def main():
    counts = []

    async def child():
        me = asyncio.current_task()
        try:
            await asyncio.sleep(3)
        except asyncio.CancelledError:
            counts.append(me.cancelling())
            counts.append(me.uncancel())
            counts.append(me.cancelling())
        await asyncio.sleep(1)
        return len(counts)

    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    for _ in range(3):
        t.cancel()
    log("cancelling before", t.cancelling())
    n = await t
    log("counts", counts, n)
