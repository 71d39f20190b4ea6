"""
id = "taskgroup.base-error-bare"
clauses = ["taskgroup.errors.base-error-bare"]
features = ["taskgroup", "uncancel"]
description = "KeyboardInterrupt raised by the body after a child failure propagates bare (no group) once the children are done; the parent's cancelling() left behind differs (0 in 3.11/3.12, 1 in 3.13+)."
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    await asyncio.sleep(0.1)
    raise Boom()


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad())
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                raise KeyboardInterrupt()
    except KeyboardInterrupt as e:
        log("bare", e)
    except BaseExceptionGroup as eg:
        log("grouped", eg)
    log("cancelling", asyncio.current_task().cancelling())
