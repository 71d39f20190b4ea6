"""
id = "plain.task-done-callbacks"
clauses = ["tasks.done-callbacks.order"]
description = "A task's done callbacks run in the order they were added, after the task finishes."
"""
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def handle(rid):
    request_id.set(rid)
    await asyncio.sleep(1)
    return rid


async def main():
    finished = []
    labels = []
    t = asyncio.create_task(handle("r1"), name="handler")
    t.add_done_callback(finished.append)
    t.add_done_callback(lambda task: labels.append(f"second:{task.result()}"))
    t.add_done_callback(lambda task: labels.append(f"third:{request_id.get()}"))
    log("before", finished == [], labels)
    await t
    log("finished", [task.get_name() for task in finished], labels)
    log("main context", request_id.get())
