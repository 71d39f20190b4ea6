"""
id = "barrier.reset"
clauses = ["barrier.reset.breaks-waiters"]
features = ["barrier"]
description = "reset() makes the tasks blocked in wait() raise BrokenBarrierError, but the barrier is not broken: once they have left, a new round works."
"""
import asyncio


async def party(b, name):
    try:
        i = await b.wait()
        log("passed", name, i)
    except asyncio.BrokenBarrierError as e:
        log("reset out", name, e)


async def main():
    b = asyncio.Barrier(2)
    a = asyncio.create_task(party(b, "a"))
    await asyncio.sleep(0)
    await b.reset()
    log("after reset", b.broken, b.n_waiting)
    await a
    c = asyncio.create_task(party(b, "c"))
    d = asyncio.create_task(party(b, "d"))
    for t in [c, d]:
        await t
    log("end", b.broken)
