"""
id = "wait_for.queue-get-timeout-race"
clauses = ["queue.get.timeout-loses-nothing"]
features = ["wait-for", "queue", "call-later"]
description = "An item is put in the same iteration in which wait_for's deadline cancels the waiting get: either the get returns the item or the item stays in the queue; it is never lost."
"""
import asyncio


def put_item(q):
    q.put_nowait("x")
    log("put")


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    loop.call_later(0.1, put_item, q)
    try:
        got = await asyncio.wait_for(q.get(), 0.1)
        log("got", got)
    except TimeoutError:
        log("timeout", q.qsize())
    log("remaining", q.qsize())
