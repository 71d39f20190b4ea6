"""
id = "barrier.reset-while-draining"
clauses = ["barrier.reset.while-draining"]
features = ["barrier"]
description = "The party that fills the barrier resets it at once, while the other released parties have not yet left their wait(): they raise BrokenBarrierError instead of returning an index; once they are out the barrier is filling again, not broken."
"""
import asyncio


async def party(b, name):
    try:
        i = await b.wait()
        log("passed", name, i)
        if i == 2:
            await b.reset()
            log("reset by", name)
    except asyncio.BrokenBarrierError as e:
        log("broken", name, e)


async def main():
    b = asyncio.Barrier(3)
    ts = []
    for name in ["x", "y", "z"]:
        ts.append(asyncio.create_task(party(b, name)))
        await asyncio.sleep(0)
    for t in ts:
        await t
    log("after", b.n_waiting, b.broken)
    a = asyncio.create_task(party(b, "a"))
    c = asyncio.create_task(party(b, "c"))
    await asyncio.sleep(0)
    log("usable", b.n_waiting)
    await b.abort()
    await a
    await c
