"""
id = "loop.call-soon-fifo"
clauses = ["loop.call-soon.fifo", "loop.call-soon.args"]
features = ["call-soon"]
description = "call_soon handles run in the order they were scheduled, each with its positional arguments."
"""
import asyncio


def cb(name, n):
    log("cb", name, n)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "a", 1)
    loop.call_soon(cb, "b", 2)
    loop.call_soon(cb, "c", 3)
    loop.call_soon(log, "direct", 4)
    log("scheduled")
    await asyncio.sleep(0)
    log("after sleep(0)")
