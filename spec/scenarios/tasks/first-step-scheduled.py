"""
id = "tasks.first-step-scheduled"
clauses = ["tasks.create.first-step-scheduled"]
features = ["call-soon"]
description = "create_task does not run the coroutine: its first step is a call_soon handle, so the body starts in the next iteration, FIFO with handles queued before and after it."
"""
import asyncio


async def child(name):
    log("child body", name)


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, 0)
    a = asyncio.create_task(child("a"))
    loop.call_soon(log, "queued between")
    b = loop.create_task(child("b"))
    log("created", a.done(), b.done())
    await asyncio.sleep(0)
    log("main resumed", a.done(), b.done())
