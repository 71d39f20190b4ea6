"""
id = "plain.wait-timeout-pending"
clauses = ["wait.timeout.returns-pending"]
description = "On timeout wait() returns the unfinished inputs in pending without cancelling them."
"""
import asyncio


async def main():
    async def slow(n):
        await asyncio.sleep(n)
        return n

    tasks = [asyncio.create_task(slow(n)) for n in (1, 5, 8)]
    done, pending = await asyncio.wait(tasks, timeout=2)
    log("sizes", len(done), len(pending))
    log("done results", sorted(t.result() for t in done))
    log("pending cancelled?", any(t.cancelled() for t in pending))
    rest = await asyncio.gather(*pending)
    log("rest", sorted(rest))
