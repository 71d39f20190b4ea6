"""
id = "semaphore.locked-while-woken"
clauses = ["semaphore.locked.fifo", "semaphore.acquire.wake-chain"]
features = ["semaphore", "event", "call-soon"]
description = "Semaphore(0) with waiter a: three release() calls leave a surplus of 2, yet locked() stays True while woken a has not run, so b and c (released by an event just before) queue instead of taking the surplus. When a acquires, the surplus goes to b and c; the ticker shows in which iteration each resumes (differs between versions)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def worker(sem, gate, name):
    await gate.wait()
    log("acquiring", name, sem.locked())
    await sem.acquire()
    log("got", name)


async def main():
    sem = asyncio.Semaphore(0)
    gate = asyncio.Event()
    gate.set()
    a = asyncio.create_task(worker(sem, gate, "a"))
    await asyncio.sleep(0)
    gate.clear()
    b = asyncio.create_task(worker(sem, gate, "b"))
    c = asyncio.create_task(worker(sem, gate, "c"))
    await asyncio.sleep(0)
    gate.set()
    sem.release()
    sem.release()
    sem.release()
    log("released 3, locked", sem.locked())
    asyncio.get_running_loop().call_soon(tick, 0)
    for t in [a, b, c]:
        await t
    log("end locked", sem.locked())
