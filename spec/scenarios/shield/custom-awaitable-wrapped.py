"""
id = "shield.custom-awaitable-wrapped"
clauses = ["tasks.ensure-future.awaitable-wrapped", "shield.args.coroutine-wrapped", "shield.cancel.inner-keeps-running", "semaphore.async-with.release-on-exit"]
features = ["shield", "semaphore", "event", "call-later", "cancel-msg", "task-names", "all-tasks"]
description = "shield() of an object with __await__ wraps it in a new task (ensure_future) whose first step calls __await__, so the shielded code runs in that task, not in the caller. Cancelling the callers awaiting the shields raises CancelledError in them at once, while the wrapped jobs keep running: the first holds a semaphore until an event is set, the second waits for that semaphore, and both complete normally after the callers are gone."
"""
import asyncio


class Job:
    def __init__(self, label, sem, gate):
        self.label = label
        self.sem = sem
        self.gate = gate
        self.task = None

    async def work(self):
        self.task = asyncio.current_task()
        log("start", self.label, self.task.get_name())
        async with self.sem:
            log("inside", self.label)
            await self.gate.wait()
        return self.label.upper()

    def __await__(self):
        return self.work().__await__()


async def main():
    sem = asyncio.Semaphore(1)
    gate = asyncio.Event()
    loop = asyncio.get_running_loop()
    jobs = [Job("first", sem, gate), Job("second", sem, gate)]

    async def caller(job):
        try:
            return await asyncio.shield(job)
        except asyncio.CancelledError as e:
            log("caller cancelled", job.label, e, job.task.done())
            raise

    callers = [asyncio.create_task(caller(job)) for job in jobs]
    log("callers", [c.get_name() for c in callers])
    loop.call_later(1, callers[0].cancel, "first gone")
    loop.call_later(2, callers[1].cancel, "second gone")
    loop.call_later(3, gate.set)
    for c in callers:
        try:
            await c
        except asyncio.CancelledError:
            log("caller state", c.get_name(), c.cancelled())
    log("inner before", [j.task.get_name() for j in jobs], [j.task.done() for j in jobs], sem.locked())
    await asyncio.sleep(4)
    log("inner after", [j.task.result() for j in jobs], [j.task.cancelled() for j in jobs], sem.locked())
