"""
id = "barrier.abort-then-reset"
clauses = ["barrier.abort.breaks", "barrier.reset.repairs"]
features = ["barrier"]
description = "After abort() every wait() raises BrokenBarrierError at once; reset() on the broken barrier with no task inside makes it usable again: broken is False and a full round passes."
"""
import asyncio


async def party(b, name):
    try:
        i = await b.wait()
        log("passed", name, i)
    except asyncio.BrokenBarrierError as e:
        log("broken", name, e)


async def main():
    b = asyncio.Barrier(2)
    await b.abort()
    await party(b, "first")
    log("broken", b.broken)
    await b.reset()
    log("reset", b.broken, b.n_waiting)
    x = asyncio.create_task(party(b, "x"))
    y = asyncio.create_task(party(b, "y"))
    await x
    await y
