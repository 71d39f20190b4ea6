"""
id = "futures.remove-bound-method-callback"
clauses = ["futures.callbacks.remove-count", "futures.callbacks.scheduled-in-order"]
features = ["futures"]
description = "remove_done_callback compares callbacks by equality: a fresh bound method other.set_result equals the registered ones, so all its registrations are removed and counted, while a new lambda matches nothing. The remaining callbacks (a lambda, a bound list.append, a nested function) run in registration order, all in the iteration after set_result."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    other = loop.create_future()
    order = []

    def note(f):
        order.append(("note", f.result()))

    fut.add_done_callback(other.set_result)
    fut.add_done_callback(lambda f: order.append(("lambda", f.result())))
    fut.add_done_callback(other.set_result)
    fut.add_done_callback(order.append)
    fut.add_done_callback(note)
    log("removed", fut.remove_done_callback(other.set_result))
    log("removed again", fut.remove_done_callback(other.set_result))
    log("removed new lambda", fut.remove_done_callback(lambda f: None))
    fut.set_result(7)
    log("right after set", len(order))
    loop.call_soon(lambda: log("queued after set", len(order)))
    await asyncio.sleep(0)
    log("order", order[0], order[1] is fut, order[2:])
    log("other", other.done())
