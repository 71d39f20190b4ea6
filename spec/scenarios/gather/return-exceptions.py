"""
id = "gather.return-exceptions"
clauses = ["gather.return-exceptions.in-results", "gather.return-exceptions.cancel-message-lost"]
features = ["gather", "cancel-msg"]
description = "With return_exceptions=True failures and cancellations are results; a task cancelled with a message shows up as CancelledError('')."
"""
import asyncio


class Boom(Exception):
    pass


async def ok():
    await asyncio.sleep(0.1)
    return 1


async def bad():
    await asyncio.sleep(0.2)
    raise Boom("b")


async def sleeper():
    await asyncio.sleep(5)


async def main():
    c = asyncio.create_task(sleeper())
    g = asyncio.gather(ok(), bad(), c, return_exceptions=True)
    await asyncio.sleep(0.3)
    c.cancel("bye")
    res = await g
    log("results", res)
    log("outer", g.cancelled())
