"""
id = "tasks.await-self"
clauses = ["tasks.await-self.runtime-error"]
features = ["all-tasks", "call-soon"]
description = "A task awaiting itself does not deadlock: RuntimeError is thrown into it at its next step, one iteration later, and it can catch it and go on."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 2:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def main():
    me = asyncio.current_task()
    asyncio.get_running_loop().call_soon(tick, 0)
    try:
        await me
    except RuntimeError as e:
        log("caught", e)
    log("still running", me.done())
    return "ok"
