"""
id = "threads.run-coroutine-threadsafe-type-error"
clauses = ["threads.run-coroutine-threadsafe.type-error"]
features = ["threads"]
description = "run_coroutine_threadsafe with something that is not a coroutine object raises TypeError at once in the calling thread; nothing is scheduled."
"""
import asyncio


async def coro():
    return 1


def in_thread(loop):
    asyncio.run_coroutine_threadsafe(coro, loop)
    return "not reached"


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.to_thread(in_thread, loop)
    except TypeError as e:
        log("caught", e)
