"""
id = "barrier.exception-in-round-abort"
clauses = ["barrier.abort.breaks"]
features = ["barrier"]
description = "Three parties pass a round; the one with index 1 fails and aborts the barrier instead of joining the next round: the parties already waiting in the second round, and any arriving later, raise BrokenBarrierError."
"""
import asyncio


class Boom(Exception):
    pass


async def party(b, name):
    try:
        i = await b.wait()
        if i == 1:
            raise Boom(name)
        await b.wait()
        log("second round passed", name)
    except asyncio.BrokenBarrierError:
        log("broken", name)
    except Boom:
        log("failing party aborts", name)
        await b.abort()


async def main():
    b = asyncio.Barrier(3)
    ts = []
    for name in ["x", "y", "z"]:
        ts.append(asyncio.create_task(party(b, name)))
    for t in ts:
        await t
    log("after", b.broken, b.n_waiting)
