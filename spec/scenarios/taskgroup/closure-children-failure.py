"""
id = "taskgroup.closure-children-failure"
clauses = ["taskgroup.abort.child-error-cancels-all", "taskgroup.errors.exception-group", "taskgroup.errors.cancelled-not-error"]
features = ["taskgroup", "exception-groups", "task-names"]
description = "When one child of a TaskGroup fails, the children still running are cancelled and the finished one keeps its result; the group raises an ExceptionGroup holding only the failure (the cancelled siblings are not errors)."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    states = {}

    async def child(name, d, fail):
        try:
            await asyncio.sleep(d)
        except asyncio.CancelledError:
            states[name] = "cancelled"
            raise
        if fail:
            states[name] = "failed"
            raise Boom(name)
        states[name] = "done"
        return name

    specs = [("slow", 3, False), ("quick", 1, False), ("bad", 2, True), ("slower", 4, False)]
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            for spec in specs:
                tasks.append(tg.create_task(child(spec[0], spec[1], spec[2]), name=spec[0]))
    except ExceptionGroup as eg:
        log("group", type(eg).__name__, [type(e).__name__ for e in eg.exceptions])
        log("member", eg.exceptions[0], eg.exceptions[0].__class__ is Boom)
    log("states", {t.get_name(): states[t.get_name()] for t in tasks})
    log("outcomes", {t.get_name(): "cancelled" if t.cancelled() else t.exception() if t.exception() is not None else t.result() for t in tasks})
