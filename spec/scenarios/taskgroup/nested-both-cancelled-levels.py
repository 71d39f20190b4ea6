"""
id = "taskgroup.nested-both-cancelled-levels"
clauses = ["taskgroup.nested.cancelling-levels"]
features = ["taskgroup", "exception-groups", "uncancel"]
description = "An inner and an outer group both abort the same parent task: after the inner group's error is handled the parent's cancelling() is 1 (the outer group's request), after the outer group's error it is 0."
"""
import asyncio


class InnerBoom(Exception):
    pass


class OuterBoom(Exception):
    pass


async def raise_inner():
    await asyncio.sleep(0)
    raise InnerBoom()


async def raise_outer():
    await asyncio.sleep(0)
    raise OuterBoom()


async def main():
    try:
        async with asyncio.TaskGroup() as outer_tg:
            try:
                async with asyncio.TaskGroup() as inner_tg:
                    inner_tg.create_task(raise_inner())
                    outer_tg.create_task(raise_outer())
            except* InnerBoom:
                log("inner handled", asyncio.current_task().cancelling())
            log("after inner", asyncio.current_task().cancelling())
    except* OuterBoom:
        log("outer handled", asyncio.current_task().cancelling())
    log("after outer", asyncio.current_task().cancelling())
