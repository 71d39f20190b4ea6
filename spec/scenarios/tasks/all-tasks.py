"""
id = "tasks.all-tasks"
clauses = ["tasks.all-tasks.not-done"]
features = ["all-tasks"]
description = "all_tasks() holds the running loop's tasks that are not done (including the current one); a task leaves it when it finishes."
"""
import asyncio


async def child(d):
    await asyncio.sleep(d)


async def main():
    log("only main", len(asyncio.all_tasks()), asyncio.current_task() in asyncio.all_tasks())
    a = asyncio.create_task(child(0.1))
    b = asyncio.create_task(child(0.2))
    log("created", len(asyncio.all_tasks()), a in asyncio.all_tasks(), b in asyncio.all_tasks())
    await a
    log("a finished", len(asyncio.all_tasks()), a in asyncio.all_tasks(), b in asyncio.all_tasks())
    await b
    log("b finished", len(asyncio.all_tasks()))
