"""
id = "eager.taskgroup-eager-child-fails-no-await"
clauses = ["eager.taskgroup.immediate-failure"]
features = ["eager-tasks", "taskgroup", "exception-groups", "uncancel"]
description = "A TaskGroup child fails during its eager first step and the body never awaits: the group raises its ExceptionGroup, but in 3.12 the parent's pending cancel survives the group's uncancel and fires at the parent's next await."
min_version = "3.12"
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
            log("body after create_task", asyncio.current_task().cancelling())
    except ExceptionGroup as eg:
        log("group", eg, asyncio.current_task().cancelling())
    try:
        await asyncio.sleep(0.1)
        log("next await completed")
    except asyncio.CancelledError as e:
        log("next await cancelled", e)
