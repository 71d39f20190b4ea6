"""
id = "threads.to-thread-concurrent"
clauses = ["threads.to-thread.result"]
features = ["threads", "gather"]
description = "Ten to_thread calls gathered at once all run their function in worker threads and complete; gather returns their results in argument order."
"""
import asyncio


def func(calls, i):
    calls.append(1)
    return i * i


async def main():
    calls = []
    futs = []
    for i in range(10):
        futs.append(asyncio.to_thread(func, calls, i))
    results = await asyncio.gather(*futs)
    log("calls", sum(calls))
    log("results", results)
