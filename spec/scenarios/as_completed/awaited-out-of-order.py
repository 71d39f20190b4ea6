"""
id = "as_completed.awaited-out-of-order"
clauses = ["as_completed.plain.first-awaited-gets-first-done"]
features = ["as-completed", "call-later"]
description = "The plain iterator's futures are taken all at once and awaited in reverse: whichever is awaited first resolves to the first awaitable to complete, not to the one at its position."
"""
import asyncio


async def job(delay, name):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    futs = [f for f in asyncio.as_completed([job(0.05, "a"), job(0.1, "b")])]
    log("count", len(futs))
    x = await futs[1]
    log("second future", x, loop.time())
    y = await futs[0]
    log("first future", y, loop.time())
