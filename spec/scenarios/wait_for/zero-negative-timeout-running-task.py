"""
id = "wait_for.zero-negative-timeout-running-task"
clauses = ["wait_for.timeout-zero.done-or-cancel"]
features = ["wait-for", "futures"]
description = "wait_for on a task that has started and is not done, with timeout 0 and then -1: each time the task is cancelled (its finally runs), wait_for waits for it and raises TimeoutError, and the task ends cancelled."
"""
import asyncio


async def foo(started, n):
    started.set_result(None)
    try:
        await asyncio.sleep(10)
    finally:
        log("finally", n)
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    for timeout in [0, -1]:
        started = loop.create_future()
        fut = asyncio.create_task(foo(started, timeout))
        await started
        try:
            await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            log("timeout", timeout, fut.done(), fut.cancelled())
