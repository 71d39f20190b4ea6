"""
id = "plain.gather-empty"
clauses = ["gather.empty.done-empty-list"]
description = "gather() with no arguments returns an already-done future whose result is an empty list."
"""
import asyncio


async def main():
    fut = asyncio.gather()
    log("done", fut.done())
    log("result", await fut)
