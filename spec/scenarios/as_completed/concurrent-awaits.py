"""
id = "as_completed.concurrent-awaits"
clauses = ["as_completed.plain.first-awaited-gets-first-done"]
features = ["as-completed", "wait"]
description = "All futures of the plain as_completed iterator are wrapped in tasks and awaited concurrently with asyncio.wait: they resolve to every result, in completion order by position."
"""
import asyncio


async def job(delay, name):
    await asyncio.sleep(delay)
    return name


async def main():
    futs = [f for f in asyncio.as_completed([job(0.1, "b"), job(0.05, "a")])]
    ts = [asyncio.ensure_future(f) for f in futs]
    done, pending = await asyncio.wait(ts)
    log("done", len(done), len(pending))
    log("results", [t.result() for t in ts])
