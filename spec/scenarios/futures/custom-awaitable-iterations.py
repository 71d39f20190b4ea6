"""
id = "futures.custom-awaitable-iterations"
clauses = ["futures.await.pending-resumes-next-iteration", "futures.await.done-no-suspend", "futures.await.outcome", "tasks.await.coroutine-inline"]
features = ["futures", "call-soon", "task-names", "all-tasks"]
description = "Awaiting an object whose __await__ returns a pending future's __await__() suspends exactly like awaiting the future itself: no task is created, and the awaiting task resumes in the loop iteration right after the one that completes the future (before the ticker's next step); a done future does not suspend at all, and an exception set on the future is raised at the await."
"""
from asyncio import current_task, get_running_loop


class Boom(Exception):
    pass


class Deferred:
    def __init__(self, fut, label):
        self.fut = fut
        self.label = label
        self.awaited = 0

    def __await__(self):
        self.awaited += 1
        return self.fut.__await__()


async def main():
    loop = get_running_loop()
    ticks = []
    actions = {}

    def tick(n):
        ticks.append(n)
        log("tick", n)
        if n in actions:
            actions[n]()
        if n < 8:
            loop.call_soon(tick, n + 1)

    direct = loop.create_future()
    wrapped = Deferred(loop.create_future(), "wrapped")
    failing = Deferred(loop.create_future(), "failing")
    actions[2] = lambda: direct.set_result("d")
    actions[4] = lambda: wrapped.fut.set_result("w")
    actions[6] = lambda: failing.fut.set_exception(Boom(failing.label))
    loop.call_soon(tick, 1)

    log("direct", await direct, ticks[-1])
    log("wrapped", await wrapped, ticks[-1], wrapped.awaited)
    log("task", current_task().get_name())

    ready = Deferred(loop.create_future(), "ready")
    ready.fut.set_result("now")
    before = len(ticks)
    log("ready", await ready, len(ticks) - before)

    try:
        await failing
    except Boom as e:
        log("raised", e, ticks[-1], failing.awaited)
    log("labels", "-".join([d.label.upper() for d in [wrapped, ready, failing]]))
