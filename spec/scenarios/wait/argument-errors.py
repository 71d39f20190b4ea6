"""
id = "wait.argument-errors"
clauses = ["wait.args.rejects-bad-input"]
features = ["wait", "futures"]
description = "wait() rejects an empty collection (ValueError), a bare future (TypeError), coroutines in the collection (TypeError) and an unknown return_when (ValueError)."
"""
import asyncio


async def coro():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(1)
    try:
        await asyncio.wait([])
    except ValueError as e:
        log("empty", e)
    try:
        await asyncio.wait(f)
    except TypeError as e:
        log("bare future", e)
    c = coro()
    try:
        await asyncio.wait(c)
    except TypeError as e:
        log("bare coroutine", e)
    try:
        await asyncio.wait([c])
    except TypeError as e:
        log("coroutine in list", e)
    await c
    try:
        await asyncio.wait([f], return_when="sometimes")
    except ValueError as e:
        log("return_when", e)
