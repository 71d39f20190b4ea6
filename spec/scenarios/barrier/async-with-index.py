"""
id = "barrier.async-with-index"
clauses = ["barrier.async-with.index", "barrier.wait.index"]
features = ["barrier"]
description = "Three tasks enter `async with barrier as i` (parties=3): each binds its arrival index, the last arrival's block runs first; leaving the blocks changes nothing, so a second round through async with passes the same way; a round nested inside another's block (two rounds per task) returns each index."
"""
import asyncio


async def party(b, name, seen):
    async with b as i:
        seen.append((name, i))
        log("inside", name, i, b.n_waiting)
    log("left", name)


async def nested(b, name):
    async with b:
        log("outer", name)
        async with b as i:
            log("inner", name, i)
            return i


async def main():
    b = asyncio.Barrier(3)
    for round_no in range(2):
        seen = []
        tasks = [asyncio.create_task(party(b, name, seen)) for name in ("a", "b", "c")]
        for t in tasks:
            await t
        log("round", round_no, sorted(i for _, i in seen), [name for name, _ in seen], b.n_waiting, b.broken)
    tasks = [asyncio.create_task(nested(b, name)) for name in ("a", "b", "c")]
    res = await asyncio.gather(*tasks)
    log("nested", sorted(res), b.n_waiting, b.broken)
