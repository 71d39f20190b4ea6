"""
id = "plain.timer-order"
clauses = ["loop.timer.order-by-when"]
description = "Timer callbacks run in order of their deadlines, regardless of the order they were scheduled."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    done = loop.create_future()
    schedule = [("c", 3.0), ("a", 1.0), ("d", 4.0), ("b", 2.0)]
    for name, delay in schedule:
        if delay % 2:
            loop.call_later(delay, fired.append, name)
        else:
            loop.call_at(loop.time() + delay, fired.append, name)
    loop.call_later(5, done.set_result, None)
    await done
    log("fired", fired, "".join(fired) == "abcd")
