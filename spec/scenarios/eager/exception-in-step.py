"""
id = "eager.exception-in-step"
clauses = ["eager.start.exception-stored"]
features = ["eager-tasks"]
min_version = "3.12"
description = "An exception raised during the eager first step does not escape create_task: the returned task is done with that exception."
"""
import asyncio


class Boom(Exception):
    pass


async def child():
    log("child runs")
    raise Boom("eager")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child())
    log("create_task returned", t.done(), t.exception())
    try:
        await t
    except Boom as e:
        log("await raised", e)
