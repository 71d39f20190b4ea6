"""
id = "loop.time-monotonic"
clauses = ["loop.time.monotonic", "loop.timer.not-early"]
features = ["call-later"]
description = "loop.time() never decreases, and after sleeping d seconds it has advanced by at least d."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0)
    t1 = loop.time()
    await asyncio.sleep(0.25)
    t2 = loop.time()
    log("monotonic", t1 >= t0, t2 >= t1)
    log("advanced by at least d", t2 - t1 >= 0.25)
