"""
id = "sleep.order-by-duration"
clauses = ["sleep.positive.timer"]
features = []
description = "Tasks started together with distinct sleep durations wake in order of duration, not of creation, each at its own deadline."
"""
import asyncio


async def sleeper(name, d):
    await asyncio.sleep(d)
    log("woke", name)


async def main():
    a = asyncio.create_task(sleeper("a", 0.3))
    b = asyncio.create_task(sleeper("b", 0.1))
    c = asyncio.create_task(sleeper("c", 0.2))
    await a
    await b
    await c
    log("all awake")
