"""
id = "threads.to-thread-result"
clauses = ["threads.to-thread.result"]
features = ["threads"]
description = "to_thread(f, *args) runs f with the given arguments in a worker thread and the awaiter gets its return value; virtual time does not advance."
"""
import asyncio


def add(a, b):
    return [a + b, a * b]


async def main():
    log("before")
    r = await asyncio.to_thread(add, 3, 4)
    log("result", r)
    return r
