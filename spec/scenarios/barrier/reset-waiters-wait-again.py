"""
id = "barrier.reset-waiters-wait-again"
clauses = ["barrier.reset.breaks-waiters", "barrier.reset.while-draining"]
features = ["barrier"]
description = "reset() while two parties wait: both raise BrokenBarrierError, wait again at once (blocked until the reset is over), and pass together with a third party in a new round."
"""
import asyncio


async def waiter(b, name):
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        log("broken", name, e)
    finally:
        i = await b.wait()
        log("passed", name, i)


async def newcomer(b):
    i = await b.wait()
    log("passed", "newcomer", i)


async def main():
    b = asyncio.Barrier(3)
    x = asyncio.create_task(waiter(b, "x"))
    y = asyncio.create_task(waiter(b, "y"))
    await asyncio.sleep(0)
    log("waiting", b.n_waiting)
    r = asyncio.create_task(b.reset())
    await asyncio.sleep(0)
    log("after reset", b.n_waiting, b.broken)
    n = asyncio.create_task(newcomer(b))
    for t in [x, y, n, r]:
        await t
    log("after", b.n_waiting, b.broken)
