"""
id = "wait_for.none-timeout"
clauses = ["wait_for.timeout-none.plain-await"]
features = ["wait-for"]
description = "timeout=None waits as long as it takes and returns the result."
"""
import asyncio


async def job():
    await asyncio.sleep(1000)
    return "late"


async def main():
    log("result", await asyncio.wait_for(job(), None))
