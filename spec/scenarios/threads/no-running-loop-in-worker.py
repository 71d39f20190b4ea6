"""
id = "threads.no-running-loop-in-worker"
clauses = ["threads.worker.no-running-loop"]
features = ["threads", "all-tasks"]
description = "In a worker thread (to_thread) no loop is running: get_running_loop, current_task, all_tasks, and create_task, ensure_future and shield of a coroutine raise RuntimeError; nothing is scheduled on the loop."
"""
import asyncio


async def job():
    log("job ran")


def in_thread():
    failed = []
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        failed.append("get_running_loop")
    try:
        asyncio.current_task()
    except RuntimeError:
        failed.append("current_task")
    try:
        asyncio.all_tasks()
    except RuntimeError:
        failed.append("all_tasks")
    c = job()
    try:
        asyncio.create_task(c)
    except RuntimeError:
        failed.append("create_task")
    try:
        asyncio.ensure_future(c)
    except RuntimeError:
        failed.append("ensure_future")
    try:
        asyncio.shield(c)
    except RuntimeError:
        failed.append("shield")
    return failed, c


async def main():
    failed, c = await asyncio.to_thread(in_thread)
    log("raised RuntimeError", failed)
    log("tasks", len(asyncio.all_tasks()))
    await asyncio.sleep(0)
    await c
