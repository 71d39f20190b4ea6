"""
id = "cancel.custom-context-manager-body"
clauses = ["cancel.message", "cancel.cleanup.may-await", "cancel.cancelled-after-delivery", "lock.cancel.waiter-removed", "lock.release.wakes-one"]
features = ["cancel-msg", "lock", "call-later", "task-names"]
description = "Cancelling a task suspended in the body of `async with` on a user-defined async context manager delivers the CancelledError (with the cancel message) into __aexit__, which may still await; when __aexit__ returns a false value the same CancelledError propagates, the task ends cancelled and its awaiter receives that very exception object. A task cancelled while still inside __aenter__ (blocked on a lock) never reaches __aexit__, and its lock waiter is skipped by the release."
"""
import asyncio


class Session:
    def __init__(self, lock, name, *, cleanup=0.5):
        self.lock = lock
        self.name = name
        self.cleanup = cleanup
        self.steps = 0
        self.received = None

    async def __aenter__(self):
        await self.lock.acquire()
        log("enter", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        kind = None if exc_type is None else exc_type.__name__
        self.received = exc
        log("exit", self.name, kind, exc, exc is None or isinstance(exc, exc_type))
        await asyncio.sleep(self.cleanup)
        self.lock.release()
        log("released", self.name, self.lock.locked())
        return False


async def main():
    lock = asyncio.Lock()
    sessions = {}

    async def worker(name, duration):
        s = Session(lock, name)
        sessions[name] = s
        async with s as same:
            same.steps += 1
            await asyncio.sleep(duration)
            same.steps += 1
        return name.upper()

    a = asyncio.create_task(worker("a", 10), name="a")
    b = asyncio.create_task(worker("b", 1), name="b")
    c = asyncio.create_task(worker("c", 1), name="c")
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, c.cancel, "not yet")
    loop.call_later(1, a.cancel, "stop")
    for t in [a, b, c]:
        try:
            log("result", t.get_name(), await t)
        except asyncio.CancelledError as e:
            log("cancelled", t.get_name(), e, t.cancelled(), e is sessions[t.get_name()].received)
    log("steps", {name: s.steps for name, s in sessions.items()})
    log("locked", lock.locked())
