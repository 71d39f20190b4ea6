"""
id = "plain.gather-siblings-run"
clauses = ["gather.error.siblings-keep-running"]
description = "When one gathered child fails, the others are not cancelled and keep running."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    finished = set()

    async def ok(name, delay):
        await asyncio.sleep(delay)
        finished.add(name)
        return name

    async def bad():
        await asyncio.sleep(1)
        raise Boom("bad")

    tasks = [asyncio.create_task(ok("a", 2)), asyncio.create_task(ok("b", 3))]
    try:
        await asyncio.gather(bad(), *tasks)
    except Boom as e:
        log("gather raised", e, sorted(finished))
    await asyncio.sleep(5)
    log("siblings", sorted(finished), all(not t.cancelled() for t in tasks))
