"""
id = "semaphore.counter"
clauses = ["semaphore.acquire.counter", "semaphore.release.unbounded"]
features = ["semaphore", "call-soon"]
description = "Semaphore(2): two acquire() calls succeed without suspending (a ticker has not run), then locked() is True; each release() adds one; a plain Semaphore may be released above its initial value. The default value is 1."
"""
import asyncio


def tick(n):
    log("tick", n)


async def main():
    d = asyncio.Semaphore()
    await d.acquire()
    log("default after one acquire", d.locked())
    s = asyncio.Semaphore(2)
    asyncio.get_running_loop().call_soon(tick, 0)
    r1 = await s.acquire()
    log("first", r1, s.locked())
    r2 = await s.acquire()
    log("second", r2, s.locked())
    s.release()
    log("after release", s.locked())
    s.release()
    s.release()
    await s.acquire()
    await s.acquire()
    await s.acquire()
    log("three more acquires without waiting", s.locked())
