"""
id = "wait.first-completed"
clauses = ["wait.return-when.first-completed", "wait.never-cancels"]
features = ["wait"]
description = "FIRST_COMPLETED returns as soon as one input finishes; the others stay pending, are not cancelled and finish later."
"""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    log("finished", name)
    return name


async def main():
    a = asyncio.create_task(job("a", 0.2))
    b = asyncio.create_task(job("b", 0.1))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    log("returned", b in done, a in pending, a.cancelled())
    log("a", await a)
