"""
id = "barrier.cancel-waiter"
clauses = ["barrier.wait.cancel"]
features = ["barrier"]
description = "Cancelling a task blocked in wait() removes it from the count (n_waiting drops) without breaking the barrier; the round then needs another arrival."
"""
import asyncio


async def party(b, name):
    try:
        i = await b.wait()
        log("passed", name, i)
    except asyncio.CancelledError:
        log("cancelled", name)
        raise


async def main():
    b = asyncio.Barrier(2)
    a = asyncio.create_task(party(b, "a"))
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    a.cancel()
    await asyncio.sleep(0)
    log("after cancel", b.n_waiting, b.broken)
    c = asyncio.create_task(party(b, "c"))
    await asyncio.sleep(0)
    d = asyncio.create_task(party(b, "d"))
    for t in [c, d]:
        await t
