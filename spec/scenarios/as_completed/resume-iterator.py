"""
id = "as_completed.resume-iterator"
clauses = ["as_completed.plain.resumable"]
features = ["as-completed"]
description = "Leaving a for loop over the plain as_completed iterator after two results and iterating the same iterator again resumes it: the remaining results follow, each awaitable yielded once."
"""
import asyncio


async def job(delay, name):
    await asyncio.sleep(delay)
    return name


async def main():
    it = asyncio.as_completed([job(0.4, "d"), job(0.1, "a"), job(0.3, "c"), job(0.2, "b")])
    collected = []
    n = 0
    for f in it:
        collected.append(await f)
        n += 1
        if n == 2:
            break
    log("first pass", collected)
    for f in it:
        collected.append(await f)
    log("resumed", collected)
