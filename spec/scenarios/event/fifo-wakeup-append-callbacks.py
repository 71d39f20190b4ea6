"""
id = "event.fifo-wakeup-append-callbacks"
clauses = ["event.set.wakes-all", "tasks.done.at-final-step"]
features = ["event", "task-names"]
description = "set() wakes the waiters in the order they started waiting (not their creation order); they all resume in the next iteration, and their done callbacks (bound results.append) run one iteration after that, in the same order."
"""
import asyncio


async def main():
    ev = asyncio.Event()
    woke = []
    finished = []

    async def waiter(name, d):
        await asyncio.sleep(d)
        r = await ev.wait()
        woke.append(name)
        return r

    delays = {"ccc": 0.3, "a": 0.1, "bb": 0.2}
    tasks = [asyncio.create_task(waiter(name, delays[name]), name=name) for name in delays]
    for t in tasks:
        t.add_done_callback(finished.append)
    await asyncio.sleep(1)
    ev.set()
    log("set", woke, finished)
    await asyncio.sleep(0)
    log("one iteration", woke, finished)
    await asyncio.sleep(0)
    log("two iterations", finished, sorted(woke, key=len) == woke)
    log("results", [t.result() for t in tasks])
