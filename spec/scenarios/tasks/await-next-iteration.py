"""
id = "tasks.await-next-iteration"
clauses = ["tasks.await.resumes-next-iteration"]
features = ["call-soon"]
description = "A task awaiting another task resumes exactly one iteration after the awaited task's final step."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 5:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    log("child step 1")
    await asyncio.sleep(0)
    log("child step 2 (final)")
    return "result"


async def main():
    asyncio.get_running_loop().call_soon(tick, 0)
    t = asyncio.create_task(child())
    r = await t
    log("main resumed", r)
