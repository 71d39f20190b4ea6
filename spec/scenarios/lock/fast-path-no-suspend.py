"""
id = "lock.fast-path-no-suspend"
clauses = ["lock.acquire.fast-path", "lock.state.locked"]
features = ["lock", "call-soon"]
description = "acquire() on an unlocked lock with no waiters returns True without suspending (a ticker started before it has not run), and locked() follows acquire/release."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    lock = asyncio.Lock()
    log("initial", lock.locked())
    asyncio.get_running_loop().call_soon(tick, 0)
    r = await lock.acquire()
    log("acquired", r, lock.locked())
    lock.release()
    log("released", lock.locked())
    await asyncio.sleep(0)
    log("done")
