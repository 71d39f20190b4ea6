"""
id = "wait_for.custom-awaitable"
clauses = ["wait_for.awaitable.task-identity", "wait_for.timeout.cancels-and-raises", "wait_for.timeout-zero.done-or-cancel", "wait_for.timeout-none.plain-await", "tasks.ensure-future.awaitable-wrapped"]
features = ["wait-for", "task-names", "uncancel", "all-tasks"]
description = "wait_for() given an object with __await__ (not a coroutine, not a future): with timeout=None it is awaited inside the caller; with a positive timeout it runs in a new wrapping task in 3.11 but inside the caller in 3.12+, where the timeout cancels the caller itself; with timeout=0 it is wrapped in a task (ensure_future) that is cancelled before its first step, so __await__ is never called, and TimeoutError is raised."
"""
import asyncio


class Fetch:
    def __init__(self, label, delay):
        self.label = label
        self.delay = delay
        self.calls = 0

    async def run(self):
        task = asyncio.current_task()
        log("run", self.label, task.get_name())
        try:
            await asyncio.sleep(self.delay)
        except asyncio.CancelledError as e:
            log("inner cancelled", self.label, e, task.cancelling())
            raise
        return self.label.upper()

    def __await__(self):
        self.calls += 1
        return self.run().__await__()


async def main():
    log("none", await asyncio.wait_for(Fetch("plain", 1), None))
    log("fast", await asyncio.wait_for(Fetch("fast", 1), 5))

    slow = Fetch("slow", 10)
    try:
        await asyncio.wait_for(slow, 2)
    except TimeoutError as e:
        log("timeout", type(e).__name__, slow.calls, asyncio.current_task().cancelling())

    never = Fetch("never", 1)
    try:
        await asyncio.wait_for(never, 0)
    except TimeoutError as e:
        log("zero", type(e).__name__, never.calls)
    log("next task", asyncio.create_task(asyncio.sleep(0)).get_name())
