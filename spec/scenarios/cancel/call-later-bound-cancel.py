"""
id = "cancel.call-later-bound-cancel"
clauses = ["cancel.message", "cancel.iterations"]
features = ["cancel-msg", "call-later", "task-names"]
description = "A cancellation scheduled as a timer callback, call_later(d, task.cancel, msg), cancels the sleeping task at d (not at its sleep deadline); the message reaches the coroutine and the first awaiter as args (msg,), and a cancel without a message gives args ()."
"""
import asyncio
from asyncio import CancelledError, sleep


async def main():
    loop = asyncio.get_running_loop()
    seen = []

    async def sleeper(name):
        try:
            await sleep(10)
        except CancelledError as e:
            seen.append((name, loop.time(), e.args))
            raise
        return name

    a = asyncio.create_task(sleeper("a"), name="a")
    b = asyncio.create_task(sleeper("b"), name="b")
    ha = loop.call_later(1, a.cancel, "stop a")
    hb = loop.call_later(2, b.cancel)
    log("deadlines", ha.when(), hb.when())
    for t in [a, b]:
        try:
            await t
        except CancelledError as e:
            log(f"awaiter of {t.get_name()}", e.args, len(e.args))
    log("seen", seen)
    log("cancelled", [t.cancelled() for t in (a, b)], ha.cancelled())
