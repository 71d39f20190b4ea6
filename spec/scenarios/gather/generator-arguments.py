"""
id = "gather.generator-arguments"
clauses = ["gather.results.argument-order", "gather.args.tasks-created-in-order"]
features = ["gather"]
description = "gather(*(coro(i) for i in ...)) unpacks the generator into its arguments: the children start in argument order and the results come back in argument order, whatever the completion order."
"""
import asyncio


async def main():
    delays = [0.3, 0.1, 0.2]
    started = []
    finished = []

    async def fetch(i, d):
        started.append(i)
        await asyncio.sleep(d)
        finished.append(i)
        return i * 10

    results = await asyncio.gather(*(fetch(i, delays[i]) for i in range(len(delays))))
    log("results", results, "started", started, "finished", finished)
    log("pairs", list(zip(delays, results)))
    log("fastest", min(enumerate(delays), key=lambda p: p[1])[0], "largest", max(results))
    log("as tuple", tuple(results[::-1]))
