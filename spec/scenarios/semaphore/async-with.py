"""
id = "semaphore.async-with"
clauses = ["semaphore.async-with.release-on-exit"]
features = ["semaphore"]
description = "`async with sem` acquires on entry and releases on exit even when the body raises; with Semaphore(2) two tasks are inside at once and a third waits."
"""
import asyncio


class Boom(Exception):
    pass


async def worker(sem, name, fail):
    async with sem:
        log("enter", name)
        await asyncio.sleep(0)
        log("exit", name)
        if fail:
            raise Boom(name)


async def main():
    sem = asyncio.Semaphore(2)
    ts = [asyncio.create_task(worker(sem, "a", True)), asyncio.create_task(worker(sem, "b", False)), asyncio.create_task(worker(sem, "c", False))]
    r = []
    for t in ts:
        try:
            r.append(await t)
        except Boom as e:
            r.append(e)
    log("results", r, sem.locked())
