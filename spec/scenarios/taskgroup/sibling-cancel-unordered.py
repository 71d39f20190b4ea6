"""
id = "taskgroup.sibling-cancel-unordered"
clauses = ["taskgroup.abort.sibling-order-undefined", "taskgroup.abort.child-error-cancels-all"]
features = ["taskgroup", "exception-groups"]
description = "On abort every unfinished sibling is cancelled; the order in which the siblings observe their cancellation is not defined."
unordered = [["cancelled"]]
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    await asyncio.sleep(0.1)
    raise Boom()


async def sibling(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("cancelled", name)
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("x"))
            tg.create_task(sibling("y"))
            tg.create_task(sibling("z"))
            tg.create_task(bad())
    except ExceptionGroup as eg:
        log("group", eg)
