"""
id = "plain.gather-results-dict"
clauses = ["gather.results.argument-order"]
description = "gather returns results in argument order, not completion order."
"""
import asyncio


async def fetch(key, delay):
    await asyncio.sleep(delay)
    return key.upper()


async def main():
    delays = {"alpha": 3, "beta": 1, "gamma": 2}
    results = await asyncio.gather(*(fetch(k, d) for k, d in delays.items()))
    by_key = dict(zip(delays, results))
    log("results", results)
    log("mapping", sorted(by_key.items()))
