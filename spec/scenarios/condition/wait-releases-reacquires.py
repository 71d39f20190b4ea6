"""
id = "condition.wait-releases-reacquires"
clauses = ["condition.wait.releases-reacquires", "condition.lock.shared"]
features = ["condition", "lock"]
description = "wait() releases the underlying lock while blocked (another task can take it) and returns True holding it again; a Condition built on a given Lock shares that lock's state."
"""
import asyncio


async def waiter(cond):
    async with cond:
        log("waiting")
        r = await cond.wait()
        log("woken", r, cond.locked())


async def main():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    log("while waiting", lock.locked())
    await lock.acquire()
    log("main holds", cond.locked())
    cond.notify()
    cond.release()
    await t
    log("end", lock.locked())
