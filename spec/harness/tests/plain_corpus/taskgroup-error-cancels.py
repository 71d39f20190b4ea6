"""
id = "plain.taskgroup-error-cancels"
clauses = ["taskgroup.abort.child-error-cancels-all"]
description = "A child that raises makes the TaskGroup cancel all its other children."
"""
import asyncio


class BadInput(Exception):
    pass


async def main():
    cancelled = []

    async def long_running(tag):
        try:
            await asyncio.sleep(100)
        except asyncio.CancelledError:
            cancelled.append(tag)
            raise

    async def failing():
        await asyncio.sleep(1)
        raise BadInput("nope")

    try:
        async with asyncio.TaskGroup() as tg:
            for tag in "xyz":
                tg.create_task(long_running(tag))
            tg.create_task(failing())
    except* BadInput as eg:
        log("group", len(eg.exceptions), sorted(cancelled))
    log("time", asyncio.get_running_loop().time())
