"""
id = "wait_for.coroutine-runs-in"
clauses = ["wait_for.coroutine.task-identity"]
features = ["wait-for", "all-tasks"]
description = "Which task runs a coroutine passed to wait_for with a positive timeout: a new task (3.11) or the calling task itself (3.12+)."
"""
import asyncio


async def job():
    log("inside", asyncio.current_task().get_name())
    await asyncio.sleep(0.1)
    return 1


async def main():
    log("caller", asyncio.current_task().get_name())
    log("result", await asyncio.wait_for(job(), 5))
