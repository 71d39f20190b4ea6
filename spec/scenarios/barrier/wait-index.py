"""
id = "barrier.wait-index"
clauses = ["barrier.wait.index", "barrier.wait.blocks-until-full", "barrier.n-waiting"]
features = ["barrier"]
description = "With 3 parties, wait() blocks the first two arrivals (n_waiting counts them) and the third releases all; each returns its arrival index 0..2. The last arrival returns first, then the others in arrival order."
"""
import asyncio


async def party(b, name):
    i = await b.wait()
    log("passed", name, i)
    return i


async def main():
    b = asyncio.Barrier(3)
    x = asyncio.create_task(party(b, "x"))
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    y = asyncio.create_task(party(b, "y"))
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    z = asyncio.create_task(party(b, "z"))
    r = [await x, await y, await z]
    log("indices", r, b.n_waiting, b.broken)
