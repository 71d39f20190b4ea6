"""
id = "wait_for.shield-zero-timeout"
clauses = ["wait_for.shield.inner-keeps-running", "wait_for.timeout-zero.done-or-cancel"]
features = ["wait-for", "shield"]
description = "wait_for(shield(t), 0): the shield's outer future is cancelled at once and TimeoutError raised, while t keeps running in the background and completes."
"""
import asyncio


async def coro():
    await asyncio.sleep(0.01)
    return "done"


async def main():
    task = asyncio.create_task(coro())
    shielded = asyncio.shield(task)
    try:
        await asyncio.wait_for(shielded, timeout=0)
    except TimeoutError:
        log("timeout")
    log("states", task.done(), task.cancelled(), shielded.cancelled())
    await asyncio.sleep(0.1)
    log("later", task.done(), task.result())
