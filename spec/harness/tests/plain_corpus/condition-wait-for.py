"""
id = "plain.condition-wait-for"
clauses = ["condition.wait-for.predicate"]
description = "Condition.wait_for(predicate) waits until the predicate is true and returns its value."
"""
import asyncio


class Inventory:
    def __init__(self):
        self.items = []
        self.cond = asyncio.Condition()

    async def add(self, item):
        async with self.cond:
            self.items.append(item)
            self.cond.notify_all()

    async def wait_for_count(self, n):
        async with self.cond:
            await self.cond.wait_for(lambda: len(self.items) >= n)
            return self.items[:n]


async def main():
    inv = Inventory()
    waiter = asyncio.create_task(inv.wait_for_count(3))
    for i, item in enumerate(["bolt", "nut", "screw", "washer"]):
        await asyncio.sleep(1)
        await inv.add(item)
        log("added", item, waiter.done())
    log("got", await waiter)
