"""
id = "plain.queue-join"
clauses = ["queue.join.blocks-until-done"]
description = "Queue.join() blocks until task_done() has been called for every item put."
"""
import asyncio


async def main():
    q = asyncio.Queue()
    processed = []

    async def consumer():
        while True:
            item = await q.get()
            await asyncio.sleep(item)
            processed.append(item)
            q.task_done()

    worker = asyncio.create_task(consumer())
    for item in [1, 2, 3]:
        q.put_nowait(item)
    await q.join()
    log("joined", processed, asyncio.get_running_loop().time())
    worker.cancel()
