"""
id = "threads.run-coroutine-threadsafe-exception"
clauses = ["threads.run-coroutine-threadsafe.exception", "threads.to-thread.exception"]
features = ["threads"]
description = "An exception raised by a coroutine submitted with run_coroutine_threadsafe is re-raised by the concurrent future's result() in the thread, and from there by to_thread."
"""
import asyncio


class Boom(Exception):
    pass


async def failing():
    log("coro running")
    raise Boom("from coro")


def in_thread(loop):
    fut = asyncio.run_coroutine_threadsafe(failing(), loop)
    return fut.result()


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.to_thread(in_thread, loop)
    except Boom as e:
        log("caught", e)
