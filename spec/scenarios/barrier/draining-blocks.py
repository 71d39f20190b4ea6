"""
id = "barrier.draining-blocks"
clauses = ["barrier.wait.draining-blocks"]
features = ["barrier"]
description = "A task arriving while the released parties are still leaving (draining) does not join that round: it waits for the next one and gets index 0 there."
"""
import asyncio


async def party(b, name):
    i = await b.wait()
    log("passed", name, i)


async def main():
    b = asyncio.Barrier(2)
    x = asyncio.create_task(party(b, "x"))
    await asyncio.sleep(0)
    y = asyncio.create_task(party(b, "y"))
    late = asyncio.create_task(party(b, "late"))
    for t in [x, y]:
        await t
    log("round 1 done", b.n_waiting, late.done())
    z = asyncio.create_task(party(b, "z"))
    for t in [late, z]:
        await t
