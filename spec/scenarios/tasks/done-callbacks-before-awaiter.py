"""
id = "tasks.done-callbacks-before-awaiter"
clauses = ["tasks.done-callbacks.order", "futures.callbacks.scheduled-in-order"]
features = ["futures"]
description = "A finished task schedules its done callbacks in registration order; an awaiter's wakeup is among them, so a callback added before the await runs before the awaiter resumes and one added later runs after."
"""
import asyncio


def before(t):
    log("callback added before await", t.result())


def after(t):
    log("callback added after await", t.result())


async def child():
    await asyncio.sleep(0)
    log("child returns")
    return "r"


async def adder(t):
    t.add_done_callback(after)


async def main():
    t = asyncio.create_task(child())
    t.add_done_callback(before)
    asyncio.create_task(adder(t))
    r = await t
    log("main resumed", r)
    await asyncio.sleep(0)
    log("end")
