"""
id = "taskgroup.nested-external-cancel-children-fail"
clauses = ["taskgroup.cancel.child-error-during-abort-wins"]
features = ["taskgroup", "exception-groups"]
unordered = [["cleanup"]]
description = "Nested groups aborted by an external cancel of their task: the inner group's children raise in their cleanup, so the inner group raises an ExceptionGroup, which the outer group wraps in its own ExceptionGroup instead of propagating CancelledError."
"""
import asyncio


class Boom(Exception):
    pass


async def fails_in_cleanup(n):
    try:
        await asyncio.sleep(10)
    finally:
        log("cleanup", n)
        raise Boom(n)


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(asyncio.sleep(10))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(fails_in_cleanup(1))
            g2.create_task(fails_in_cleanup(2))
            await asyncio.sleep(10)


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    log("done before cancel", r.done())
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        log("outer group", len(eg.exceptions), isinstance(eg.exceptions[0], ExceptionGroup))
        log("inner members", sorted([str(e.args[0]) for e in eg.exceptions[0].exceptions]))
    log("runner cancelled", r.cancelled())
