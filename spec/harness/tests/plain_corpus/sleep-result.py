"""
id = "plain.sleep-result"
clauses = ["sleep.result"]
description = "sleep(delay, result) returns result after the delay."
"""
import asyncio
from asyncio import sleep


async def main():
    values = [await sleep(d, result=f"after {d}") for d in (0, 0.5, 2)]
    log("values", values)
    log("default", await sleep(1))
    log("time", asyncio.get_running_loop().time())
