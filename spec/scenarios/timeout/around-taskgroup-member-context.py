"""
id = "timeout.around-taskgroup-member-context"
clauses = ["timeout.exit.other-exception-passes"]
features = ["timeout", "taskgroup", "exception-groups"]
description = "A timeout expiring around a TaskGroup whose child fails in its cleanup: the group's ExceptionGroup leaves the timeout unchanged; in 3.13+ each member's __context__ chain gets the TimeoutError inserted before the CancelledError (3.11, 3.12: the member's __context__ is the CancelledError)."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(2)
    finally:
        raise ValueError("cleanup failed")


async def main():
    try:
        async with asyncio.timeout(0.1):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child())
    except ExceptionGroup as eg:
        member = eg.exceptions[0]
        log("group", eg.exceptions)
        ctx = member.__context__
        log("member context", isinstance(ctx, TimeoutError), isinstance(ctx, asyncio.CancelledError))
        if isinstance(ctx, TimeoutError):
            log("its context", isinstance(ctx.__context__, asyncio.CancelledError), ctx.__cause__ is ctx.__context__)
