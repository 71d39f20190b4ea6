"""
id = "taskgroup.refused-coroutine-closed"
clauses = ["taskgroup.create-task.refused-closes-coroutine"]
features = ["taskgroup"]
description = "Whether a coroutine refused by create_task is closed: 3.13+ close it (awaiting it afterwards raises RuntimeError), 3.11/3.12 leave it untouched (it can still be awaited)."
"""
import asyncio


async def job():
    log("job body runs")
    return 1


async def main():
    tg = asyncio.TaskGroup()
    c = job()
    try:
        tg.create_task(c)
    except RuntimeError:
        log("refused")
    try:
        log("awaited", await c)
    except RuntimeError as e:
        log("closed", e)
