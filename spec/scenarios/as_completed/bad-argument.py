"""
id = "as_completed.bad-argument"
clauses = ["as_completed.inputs.rejects-single-awaitable"]
features = ["as-completed", "futures"]
description = "Passing a single future instead of an iterable raises TypeError (when the iterator is created or first advanced)."
"""
import asyncio


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_result(1)
    try:
        it = asyncio.as_completed(f)
        for x in it:
            log("unexpected")
    except TypeError as e:
        log("rejected", e)
