"""
id = "futures.remove-done-callback"
clauses = ["futures.callbacks.remove-count"]
features = ["futures"]
description = "remove_done_callback(fn) removes every registration of fn and returns how many it removed (0 if none); the other callbacks still run in order."
"""
import asyncio


def a(fut):
    log("a")


def b(fut):
    log("b")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    log("removed a", fut.remove_done_callback(a))
    log("removed a again", fut.remove_done_callback(a))
    fut.set_result(None)
    log("removed after done", fut.remove_done_callback(b))
    await asyncio.sleep(0)
    log("done")
