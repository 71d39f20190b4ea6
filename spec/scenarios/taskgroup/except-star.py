"""
id = "taskgroup.except-star"
clauses = ["taskgroup.errors.exception-group"]
features = ["taskgroup", "exception-groups"]
description = "The group's errors can be split with except*: each handler sees a subgroup of the matching errors."
"""
import asyncio


class A(Exception):
    pass


class B(Exception):
    pass


async def raise_a():
    raise A("a")


async def raise_b():
    raise B("b")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_a())
            tg.create_task(raise_b())
    except* A as ga:
        log("A handler", ga)
    except* B as gb:
        log("B handler", gb)
    log("done")
