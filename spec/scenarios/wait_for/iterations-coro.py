"""
id = "wait_for.iterations-coro"
clauses = ["wait_for.timing.iterations", "wait_for.coroutine.task-identity"]
features = ["wait-for", "call-soon"]
description = "Iterations between a coroutine's final step and the return of wait_for(coro, 10): 2 (3.11, separate task) or 0 (3.12+, same task)."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def child():
    await asyncio.sleep(0.1)
    log("child last step")
    asyncio.get_running_loop().call_soon(tick, 1)
    return 1


async def main():
    r = await asyncio.wait_for(child(), 10)
    log("resumed", r)
