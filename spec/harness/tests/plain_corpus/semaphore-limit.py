"""
id = "plain.semaphore-limit"
clauses = ["semaphore.acquire.counter"]
description = "A Semaphore lets at most its initial value of holders in at once; further acquirers wait."
"""
import asyncio


async def main():
    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0

    async def limited(n):
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(1 + n / 10)
            active -= 1
        return n

    results = await asyncio.gather(*map(limited, range(5)))
    log("peak", peak, results)
    log("time", round(asyncio.get_running_loop().time(), 3))
