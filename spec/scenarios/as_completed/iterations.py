"""
id = "as_completed.iterations"
clauses = ["as_completed.timing.two-iterations"]
features = ["as-completed", "call-soon"]
description = "The awaiter of the next as_completed awaitable resumes two iterations after the input's final step."
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
    it = asyncio.as_completed([asyncio.create_task(child())])
    for f in it:
        log("resumed", await f)
