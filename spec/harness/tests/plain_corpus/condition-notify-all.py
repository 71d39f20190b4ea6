"""
id = "plain.condition-notify-all"
clauses = ["condition.notify-all"]
description = "Condition.notify_all() wakes every task waiting on the condition."
"""
import asyncio


async def main():
    cond = asyncio.Condition()
    woke = {}

    async def consumer(i):
        async with cond:
            await cond.wait()
            woke[i] = asyncio.get_running_loop().time()

    consumers = [asyncio.create_task(consumer(i)) for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
    await asyncio.wait(consumers)
    log("woke", sorted(woke.items()))
