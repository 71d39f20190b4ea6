"""
id = "tasks.ensure-future-custom-awaitable"
clauses = ["tasks.ensure-future.awaitable-wrapped", "tasks.ensure-future.identity", "tasks.name.default-numbering", "tasks.create.first-step-scheduled"]
features = ["task-names", "gather", "futures", "all-tasks"]
description = "ensure_future() of an object that is neither a coroutine nor a future but has __await__ wraps it in a new Task (consuming the next default name); __await__ is only called in that task's first step, and the coroutine it delegates to runs inside the wrapping task. gather() does the same for each such argument. A future wrapped by the awaitable is not unwrapped: ensure_future returns a new task, not the future."
"""
import asyncio


class Job:
    def __init__(self, label, *steps, delay=0):
        self.label = label
        self.steps = list(steps)
        self.delay = delay
        self.started = 0

    async def run(self):
        log("run", self.label, asyncio.current_task().get_name())
        await asyncio.sleep(self.delay)
        return "+".join(self.steps)

    def __await__(self):
        self.started += 1
        log("__await__", self.label)
        return self.run().__await__()


class FutureView:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        return self.fut.__await__()


async def main():
    job = Job("a", "x", "y", delay=1)
    t = asyncio.ensure_future(job)
    log("wrapped", isinstance(t, asyncio.Task), t.get_name(), job.started, t.done())
    await asyncio.sleep(0)
    log("after one step", job.started)
    log("result", await t, t.get_name())

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    view_task = asyncio.ensure_future(FutureView(fut))
    log("view", view_task is fut, isinstance(view_task, asyncio.Task), view_task.get_name())
    fut.set_result("via future")
    log("view result", await view_task)

    jobs = [Job("b", "p", delay=2), Job("c", "q", "r", delay=1)]
    log("gathered", await asyncio.gather(*jobs))
    log("started", [j.started for j in jobs])
    log("numbered", asyncio.create_task(asyncio.sleep(0)).get_name())
