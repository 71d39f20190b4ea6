"""
id = "futures.await-pending-next-iteration"
clauses = ["futures.await.pending-resumes-next-iteration", "futures.await.outcome"]
features = ["futures", "call-soon"]
description = "A task awaiting a pending future resumes exactly one iteration after set_result is called, with the result."
"""
import asyncio

FUT = None


def tick(n):
    log("tick", n)
    if n == 1:
        FUT.set_result("value")
        log("set_result at tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    global FUT
    loop = asyncio.get_running_loop()
    FUT = loop.create_future()
    loop.call_soon(tick, 0)
    r = await FUT
    log("resumed", r)
