"""
id = "taskgroup.cancel-handler-raises"
clauses = ["taskgroup.cancel.handler-error-replaces-cancel"]
features = ["taskgroup", "exception-groups", "uncancel"]
description = "The body, cancelled from outside, raises its own exception from its CancelledError handler: the group raises an ExceptionGroup of that exception and the task ends with it, not cancelled."
"""
import asyncio


class Boom(Exception):
    pass


async def runner():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("handler")
            raise Boom("handler")


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        log("group", eg)
    log("cancelled", r.cancelled(), r.cancelling())
