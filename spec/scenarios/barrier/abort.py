"""
id = "barrier.abort"
clauses = ["barrier.abort.breaks"]
features = ["barrier"]
description = "abort() puts the barrier in the broken state: tasks blocked in wait() raise BrokenBarrierError, and so does any later wait()."
"""
import asyncio


async def party(b, name):
    try:
        await b.wait()
        log("passed", name)
    except asyncio.BrokenBarrierError as e:
        log("broken", name, e)


async def main():
    b = asyncio.Barrier(3)
    ts = [asyncio.create_task(party(b, name)) for name in ["a", "b"]]
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    await b.abort()
    log("aborted", b.broken, b.n_waiting)
    for t in ts:
        await t
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        log("later wait", e)
