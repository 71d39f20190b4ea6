"""
id = "plain.taskgroup-waits-all"
clauses = ["taskgroup.exit.waits-for-all"]
description = "Leaving an async with TaskGroup block waits until every child task is done."
"""
import asyncio


class Worker:
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay
        self.done = False

    async def run(self):
        await asyncio.sleep(self.delay)
        self.done = True
        return self.name


async def main():
    workers = [Worker(f"w{i}", i) for i in (2, 4, 1)]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(w.run()) for w in workers]
        log("in body", [w.done for w in workers])
    log("after", [w.done for w in workers], [t.result() for t in tasks])
    log("time", asyncio.get_running_loop().time())
