"""
id = "plain.barrier-index"
clauses = ["barrier.wait.index"]
description = "Each party passing a Barrier gets a distinct index from 0 to parties-1."
"""
import asyncio


async def main():
    barrier = asyncio.Barrier(3)
    indices = {}

    async def party(name, delay):
        await asyncio.sleep(delay)
        indices[name] = await barrier.wait()

    await asyncio.gather(*(party(n, d) for n, d in zip("abc", (1, 2, 3))))
    log("distinct", set(indices.values()) == set(range(3)))
    log("count", len(indices), barrier.n_waiting)
