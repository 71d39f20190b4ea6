"""
id = "timeout.around-taskgroup-child-error"
clauses = ["timeout.combination.taskgroup-errors-win"]
features = ["timeout", "taskgroup", "exception-groups", "uncancel"]
description = "A timeout expires around a TaskGroup whose child fails in its cleanup: the ExceptionGroup of the child's error leaves the timeout unchanged (no TimeoutError replaces it); in 3.13+ its __context__ is a TimeoutError caused by the CancelledError, whose own __context__ is the body's exception; in 3.11/3.12 its __context__ is the CancelledError itself."
"""
import asyncio


class Boom(Exception):
    pass


class BodyBoom(Exception):
    pass


async def task():
    try:
        await asyncio.sleep(2)
    finally:
        log("child cleanup")
        raise Boom("cleanup")


async def main():
    try:
        async with asyncio.timeout(0.01):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(task())
                try:
                    raise BodyBoom("body")
                finally:
                    await asyncio.sleep(1)
    except ExceptionGroup as eg:
        log("group", eg)
        e1 = eg.__context__
        log("context", isinstance(e1, TimeoutError), isinstance(e1, asyncio.CancelledError))
        if isinstance(e1, TimeoutError):
            e2 = e1.__cause__
            log("cause", isinstance(e2, asyncio.CancelledError), e2 is e1.__context__)
            log("cancel context", e2.__context__)
    log("cancelling", asyncio.current_task().cancelling())
