"""
id = "wait.all-completed"
clauses = ["wait.result.done-pending-sets", "wait.return-when.all-completed"]
features = ["wait"]
description = "By default wait() returns once every input is done, with all of them in done, pending empty, failures not raised."
"""
import asyncio


class Boom(Exception):
    pass


async def ok(d):
    await asyncio.sleep(d)
    return d


async def bad():
    await asyncio.sleep(0.2)
    raise Boom()


async def main():
    a = asyncio.create_task(ok(0.3))
    b = asyncio.create_task(bad())
    c = asyncio.create_task(ok(0.1))
    done, pending = await asyncio.wait([a, b, c])
    log("sizes", len(done), len(pending))
    log("members", a in done, b in done, c in done)
    log("b exception", b.exception())
