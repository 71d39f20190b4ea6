"""
id = "wait_for.condition-wait-timeout"
clauses = ["condition.wait.timeout-reacquires"]
features = ["wait-for", "condition", "call-later"]
description = "wait_for(cond.wait(), timeout) inside async with cond times out while another task holds the lock: TimeoutError reaches the caller only after the lock is re-acquired, so the block's code runs with the lock held."
"""
import asyncio


async def holder(cond):
    await asyncio.sleep(0.05)
    async with cond:
        log("holder has lock")
        await asyncio.sleep(0.5)
        log("holder releases")


async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()
    h = asyncio.create_task(holder(cond))
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), 0.1)
        except TimeoutError:
            log("timeout", loop.time(), cond.locked())
    log("released", cond.locked())
    await h
