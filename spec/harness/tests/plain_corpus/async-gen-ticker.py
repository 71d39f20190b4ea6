"""
id = "plain.async-gen-ticker"
clauses = ["sleep.positive.timer"]
description = "A positive sleep resumes the task once its delay has elapsed on the loop clock."
"""
import asyncio


async def ticker(interval, count):
    loop = asyncio.get_running_loop()
    for i in range(count):
        await asyncio.sleep(interval)
        yield i, loop.time()


async def main():
    times = []
    async for i, now in ticker(0.25, 4):
        times.append(now)
    log("ticks", times)
    log("gaps ok", all(b - a >= 0.25 for a, b in zip(times, times[1:])))
