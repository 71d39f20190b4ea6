"""
id = "threads.to-thread-exception"
clauses = ["threads.to-thread.exception"]
features = ["threads"]
description = "An exception raised by the function run by to_thread propagates, with its args, out of the await in the event loop thread."
"""
import asyncio


class Boom(Exception):
    pass


def explode(x):
    raise Boom("thread", x)


async def main():
    try:
        await asyncio.to_thread(explode, 7)
    except Boom as e:
        log("caught", e)
    log("after")
