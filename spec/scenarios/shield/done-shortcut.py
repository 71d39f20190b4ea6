"""
id = "shield.done-shortcut"
clauses = ["shield.done.returns-same-object"]
features = ["shield", "futures"]
description = "shield() of an already-done future or task returns that very object."
"""
import asyncio


async def job():
    return 3


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_result(1)
    log("future", asyncio.shield(f) is f)
    t = asyncio.create_task(job())
    await t
    log("task", asyncio.shield(t) is t)
    p = asyncio.get_running_loop().create_future()
    s = asyncio.shield(p)
    log("pending", s is p)
    p.set_result(2)
    log("value", await s)
