"""
id = "barrier.cyclic"
clauses = ["barrier.wait.cyclic"]
features = ["barrier"]
description = "A barrier is reusable: two parties pass it twice in a row and get indices in each round's arrival order."
"""
import asyncio


async def party(b, name, delay):
    for rnd in range(2):
        await asyncio.sleep(delay)
        i = await b.wait()
        log("round", rnd, name, i)


async def main():
    b = asyncio.Barrier(2)
    t1 = asyncio.create_task(party(b, "slow", 2))
    t2 = asyncio.create_task(party(b, "fast", 1))
    for t in [t1, t2]:
        await t
    log("end", b.n_waiting, b.broken)
