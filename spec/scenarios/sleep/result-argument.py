"""
id = "sleep.result-argument"
clauses = ["sleep.result"]
features = []
description = "sleep(d, result) returns result, for d == 0 and d > 0, positionally or by keyword; without it sleep returns None."
"""
import asyncio


async def main():
    a = await asyncio.sleep(0, "zero")
    b = await asyncio.sleep(0.1, result=[1, 2])
    c = await asyncio.sleep(0.1)
    d = await asyncio.sleep(0, result=None)
    log("results", a, b, c, d)
