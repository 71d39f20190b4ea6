"""
id = "wait_for.queue-get-timeout"
clauses = ["queue.get.timeout-loses-nothing"]
features = ["wait-for", "queue"]
description = "wait_for(queue.get(), timeout) times out on an empty queue: the cancelled getter leaves no trace; an item put later is received by the next get, and nothing is lost."
"""
import asyncio


async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), 0.1)
    except TimeoutError:
        log("timeout", q.qsize(), q.empty())
    q.put_nowait("a")
    log("after put", q.qsize())
    log("got", await asyncio.wait_for(q.get(), 0.1))
    log("empty", q.empty())
