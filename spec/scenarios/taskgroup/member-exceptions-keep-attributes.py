"""
id = "taskgroup.member-exceptions-keep-attributes"
clauses = ["taskgroup.errors.exception-group", "taskgroup.errors.completion-order"]
features = ["taskgroup", "exception-groups"]
description = "The ExceptionGroup a TaskGroup raises holds the failing child's own exception object (the attributes its class's __init__ set, its methods; the same object as the task's exception()); the sibling still running is cancelled, the finished one keeps its result."
"""
import asyncio


class JobError(Exception):
    severity = "error"

    def __init__(self, job, *, retry=False):
        super().__init__(job)
        self.job = job
        self.retry = retry

    def summary(self):
        return f"{self.severity}:{self.job}:{'retry' if self.retry else 'final'}"


class Transient(JobError):
    severity = "warning"


async def job(name, delay, exc=None):
    await asyncio.sleep(delay)
    if exc is not None:
        raise exc
    return name


async def main():
    tasks = {}
    try:
        async with asyncio.TaskGroup() as tg:
            tasks["late"] = tg.create_task(job("late", 0.3, JobError("late")))
            tasks["early"] = tg.create_task(job("early", 0.1, Transient("early", retry=True)))
            tasks["ok"] = tg.create_task(job("ok", 0.05))
    except* JobError as eg:
        members = list(eg.exceptions)
        log("members", [type(e).__name__ for e in members], [e.summary() for e in members])
        log("identity", members[0] is tasks["early"].exception(), tasks["late"].cancelled(), tasks["ok"].result())
        log("args", [e.args for e in members], [e.retry for e in members])
