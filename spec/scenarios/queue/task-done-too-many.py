"""
id = "queue.task-done-too-many"
clauses = ["queue.task-done.too-many"]
features = ["queue"]
description = "task_done() raises ValueError when called more times than items were put, including on a fresh queue; the count is counted per put, not per get."
"""
import asyncio


async def main():
    q = asyncio.Queue()
    try:
        q.task_done()
    except ValueError as e:
        log("fresh", e)
    q.put_nowait(1)
    q.task_done()
    log("task_done before get is accepted", q.qsize())
    try:
        q.task_done()
    except ValueError as e:
        log("again", e)
