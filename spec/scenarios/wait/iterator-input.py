"""
id = "wait.iterator-input"
clauses = ["wait.args.any-iterable", "wait.result.done-pending-sets"]
features = ["wait"]
description = "wait() takes an iterator of tasks (not only a list or set), consumes it once and returns when the last input is done: done holds every input, pending is empty."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(asyncio.sleep(0.1, "a"))
    b = asyncio.create_task(asyncio.sleep(0.15, "b"))
    done, pending = await asyncio.wait(iter([b, a]))
    log("iterator", len(done), len(pending), a in done, b in done, loop.time())
    log("results", sorted([t.result() for t in done]))
