"""
id = "wait.first-exception-none"
clauses = ["wait.return-when.first-exception"]
features = ["wait"]
description = "FIRST_EXCEPTION with no input raising behaves like ALL_COMPLETED."
"""
import asyncio


async def ok(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(ok(0.1))
    b = asyncio.create_task(ok(0.2))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_EXCEPTION)
    log("returned", len(done), len(pending))
