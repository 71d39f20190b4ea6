"""
id = "taskgroup.reenter-active"
clauses = ["taskgroup.enter.once-only"]
features = ["taskgroup"]
description = "Entering a TaskGroup again while it is active (inside its own block) raises RuntimeError at once; the outer block is not disturbed and still waits for its children."
"""
import asyncio


async def job():
    await asyncio.sleep(0.5)
    log("child done")


async def main():
    tg = asyncio.TaskGroup()
    async with tg:
        tg.create_task(job())
        try:
            async with tg:
                log("not reached")
        except RuntimeError as e:
            log("re-enter", e)
        log("still in body")
    log("group exited")
