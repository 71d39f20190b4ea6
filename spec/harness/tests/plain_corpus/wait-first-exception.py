"""
id = "plain.wait-first-exception"
clauses = ["wait.return-when.first-exception"]
description = "wait(return_when=FIRST_EXCEPTION) returns when an input raises."
"""
import asyncio


class Failed(Exception):
    pass


async def main():
    async def step(i):
        await asyncio.sleep(i)
        if i == 2:
            raise Failed(i)
        return i

    tasks = [asyncio.create_task(step(i), name=f"step{i}") for i in range(1, 5)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failed = [t for t in done if t.exception() is not None]
    log("failed", [t.get_name() for t in failed], [t.exception() for t in failed])
    log("counts", f"done={len(done)} pending={len(pending)}")
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
