"""
id = "eager.taskgroup-eager-child-fails"
clauses = ["eager.taskgroup.immediate-failure"]
features = ["eager-tasks", "taskgroup", "exception-groups"]
min_version = "3.12"
description = "A TaskGroup child that fails during its eager first step, inside tg.create_task: what the group and the body see (3.12.1 lets a CancelledError escape, 3.13 raises the group)."
"""
import asyncio


class Boom(Exception):
    pass


async def bad():
    raise Boom("eager")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad())
            log("body after create_task")
            await asyncio.sleep(1)
            log("body not cancelled")
    except ExceptionGroup as eg:
        log("group", eg)
    except asyncio.CancelledError as e:
        log("cancelled escaped", e)
    log("cancelling", asyncio.current_task().cancelling())
