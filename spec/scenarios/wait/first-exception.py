"""
id = "wait.first-exception"
clauses = ["wait.return-when.first-exception"]
features = ["wait"]
description = "FIRST_EXCEPTION ignores a cancelled input and a successful one and returns at the first input that raised."
"""
import asyncio


class Boom(Exception):
    pass


async def ok():
    await asyncio.sleep(0.1)
    return "ok"


async def bad():
    await asyncio.sleep(0.3)
    raise Boom()


async def slow():
    await asyncio.sleep(5)


def cancel_it(t):
    t.cancel()


async def main():
    a = asyncio.create_task(ok())
    b = asyncio.create_task(bad())
    c = asyncio.create_task(slow())
    d = asyncio.create_task(slow())
    asyncio.get_running_loop().call_later(0.2, cancel_it, d)
    done, pending = await asyncio.wait([a, b, c, d], return_when=asyncio.FIRST_EXCEPTION)
    log("returned", len(done), a in done, b in done, d in done, c in pending)
    c.cancel()
