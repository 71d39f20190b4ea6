"""
id = "gather.non-awaitable-argument"
clauses = ["gather.args.non-awaitable-typeerror"]
features = ["gather", "all-tasks"]
description = "gather() with an argument that is not awaitable (a dict) raises TypeError at the call, after the coroutine arguments before it were already wrapped in tasks; those tasks still run to completion on their own."
"""
import asyncio


async def coro(s):
    log("coro runs", s)
    return s


async def main():
    try:
        asyncio.gather(coro("abc"), {})
    except TypeError as e:
        log("gather raised", e)
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    log("leftover tasks", len(others))
    await asyncio.sleep(0)
    log("leftover done", [t.done() for t in others], [t.result() for t in others])
