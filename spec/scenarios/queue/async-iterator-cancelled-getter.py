"""
id = "queue.async-iterator-cancelled-getter"
clauses = ["queue.get.cancel-passes-wakeup", "queue.get.blocks-until-put", "queue.get.fifo-getters", "cancel.message"]
features = ["queue", "call-later", "cancel-msg", "task-names"]
description = "Consumers iterate with `async for` over a user-defined async iterator whose __anext__ awaits queue.get(). A consumer woken by a put but cancelled in the same iteration leaves the item to the next waiting consumer; a consumer cancelled while waiting on an empty queue takes nothing, so a later put stays in the queue for the next getter. StopAsyncIteration from __anext__ ends the loop normally."
"""
import asyncio


class Reader:
    def __init__(self, queue, name, *, stop="stop"):
        self.queue = queue
        self.name = name
        self.stop = stop
        self.items = []

    def __aiter__(self):
        return self

    async def __anext__(self):
        item = await self.queue.get()
        if item == self.stop:
            raise StopAsyncIteration
        self.items.append(item)
        return item


async def main():
    q = asyncio.Queue()
    loop = asyncio.get_running_loop()
    readers = {}

    async def consume(name):
        r = Reader(q, name)
        readers[name] = r
        try:
            async for item in r:
                log("got", name, item)
        except asyncio.CancelledError as e:
            log("cancelled", name, e, r.items)
            raise
        log("finished", name, r.items)
        return len(r.items)

    first = asyncio.create_task(consume("first"), name="first")
    second = asyncio.create_task(consume("second"), name="second")

    def put_and_cancel():
        q.put_nowait("a")
        first.cancel("woken too late")
        log("put a", q.qsize())

    loop.call_later(1, put_and_cancel)
    loop.call_later(2, q.put_nowait, "b")
    loop.call_later(3, second.cancel, "idle")
    loop.call_later(3.5, q.put_nowait, "c")
    await asyncio.sleep(4)
    log("states", first.cancelled(), second.cancelled(), q.qsize())
    for item in "d stop".split():
        q.put_nowait(item)
    log("queued", q.qsize())
    third = asyncio.create_task(consume("third"), name="third")
    log("third", await third, q.qsize(), q.empty())
    log("all items", {name: "".join(r.items) for name, r in readers.items()})
