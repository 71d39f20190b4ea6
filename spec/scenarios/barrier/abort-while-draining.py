"""
id = "barrier.abort-while-draining"
clauses = ["barrier.abort.while-draining"]
features = ["barrier"]
description = "The party that fills the barrier aborts it at once: the released parties still inside wait() raise BrokenBarrierError, and so does a task that arrived during draining and was blocked; the barrier stays broken."
"""
import asyncio


async def party(b, name):
    try:
        i = await b.wait()
        log("passed", name, i)
        if i == 1:
            await b.abort()
            log("aborted by", name)
    except asyncio.BrokenBarrierError as e:
        log("broken", name, e)


async def main():
    b = asyncio.Barrier(2)
    x = asyncio.create_task(party(b, "x"))
    await asyncio.sleep(0)
    y = asyncio.create_task(party(b, "y"))
    late = asyncio.create_task(party(b, "late"))
    for t in [x, y, late]:
        await t
    log("after", b.n_waiting, b.broken)
