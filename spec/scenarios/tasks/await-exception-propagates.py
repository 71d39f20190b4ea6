"""
id = "tasks.await-exception-propagates"
clauses = ["tasks.await.exception-propagates"]
features = []
description = "An exception ending a task is raised, as the same object, in every awaiter; the task is done, not cancelled, and exception() returns it."
"""
import asyncio


class Boom(Exception):
    pass


async def child():
    await asyncio.sleep(0)
    raise Boom("child failed")


async def main():
    t = asyncio.create_task(child())
    try:
        await t
    except Boom as e:
        first = e
        log("caught", e)
    try:
        await t
    except Boom as e:
        log("caught again, same object", e is first)
    log("task", t.done(), t.cancelled(), t.exception() is first)
