"""
id = "semaphore.concurrency-peak"
clauses = ["semaphore.async-with.release-on-exit", "semaphore.acquire.fifo"]
features = ["semaphore", "task-names"]
description = "With Semaphore(2) at most two tasks are inside `async with sem` at any moment: the peak of a shared counter is 2, and queued tasks enter in the order they asked, each as a unit is released."
"""
import asyncio


async def main():
    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0
    entered = []
    inside = set()

    async def job(name, d):
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            entered.append(name)
            inside.add(name)
            log("enter", name, inside)
            await asyncio.sleep(d)
            active -= 1
            inside.discard(name)
        return d

    durations = [1, 4, 1.5, 0.5, 2]
    tasks = [asyncio.create_task(job(f"j{i}", durations[i]), name=f"j{i}") for i in range(len(durations))]
    await asyncio.sleep(0)
    log("locked", sem.locked(), active)
    total = sum(await asyncio.gather(*tasks))
    log("done", peak, active, inside, entered, total, sem.locked())
