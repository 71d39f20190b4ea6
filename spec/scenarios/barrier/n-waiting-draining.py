"""
id = "barrier.n-waiting-draining"
clauses = ["barrier.n-waiting"]
features = ["barrier"]
description = "n_waiting reads 0 while the barrier drains: the last arrival of a round returns first and sees 0 although the other party has not left wait() yet; once all have left it is still 0 and a new arrival counts 1."
"""
import asyncio


async def party(b, name):
    i = await b.wait()
    log("passed", name, i, "n_waiting", b.n_waiting)
    return i


async def main():
    b = asyncio.Barrier(2)
    x = asyncio.create_task(party(b, "x"))
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    z = asyncio.create_task(party(b, "z"))
    await z
    log("after z", b.n_waiting)
    await x
    log("after x", b.n_waiting)
    y = asyncio.create_task(party(b, "y"))
    await asyncio.sleep(0)
    log("new round", b.n_waiting)
    await b.abort()
    try:
        await y
    except asyncio.BrokenBarrierError:
        log("y broken", b.n_waiting)
