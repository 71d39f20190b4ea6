"""
id = "wait_for.shield-timeout"
clauses = ["wait_for.shield.inner-keeps-running"]
features = ["wait-for", "shield", "call-later"]
description = "wait_for(shield(t), timeout) times out: TimeoutError is raised at the deadline, the shield's outer future is cancelled, and t keeps running to its result."
"""
import asyncio


async def coro():
    await asyncio.sleep(0.1)
    log("inner finished")
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(coro())
    outer = asyncio.shield(task)
    try:
        await asyncio.wait_for(outer, timeout=0.01)
    except TimeoutError:
        log("timeout", loop.time())
    log("states", task.done(), task.cancelled(), outer.cancelled())
    log("result", await task, loop.time())
