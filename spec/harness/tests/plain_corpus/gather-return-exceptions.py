"""
id = "plain.gather-return-exceptions"
clauses = ["gather.return-exceptions.in-results"]
description = "With return_exceptions=True, exceptions are returned in the results list in place of values."
"""
import asyncio


class FetchError(Exception):
    pass


async def fetch(i):
    await asyncio.sleep(i * 0.1)
    if i % 2:
        raise FetchError(f"item {i}")
    return i * 10


async def main():
    results = await asyncio.gather(*[fetch(i) for i in range(5)], return_exceptions=True)
    summary = [type(r).__name__ if isinstance(r, Exception) else r for r in results]
    log("summary", summary)
    errors = [r for r in results if isinstance(r, FetchError)]
    log("errors", errors)
