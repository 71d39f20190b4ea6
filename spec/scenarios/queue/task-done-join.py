"""
id = "queue.task-done-join"
clauses = ["queue.join.blocks-until-done", "queue.join.zero-no-suspend"]
features = ["queue", "call-soon"]
description = "join() returns at once when no item is unfinished (a ticker has not run); otherwise it blocks until task_done() was called once per put item, and then every joiner resumes."
"""
import asyncio


def tick(n):
    log("tick", n)


async def joiner(q, name):
    await q.join()
    log("joined", name)


async def main():
    q = asyncio.Queue()
    asyncio.get_running_loop().call_soon(tick, 0)
    await q.join()
    log("join on fresh queue returned")
    q.put_nowait("a")
    q.put_nowait("b")
    ts = [asyncio.create_task(joiner(q, name)) for name in ["j1", "j2"]]
    q.get_nowait()
    q.get_nowait()
    await asyncio.sleep(0)
    q.task_done()
    await asyncio.sleep(0)
    log("one task_done", [t.done() for t in ts])
    q.task_done()
    for t in ts:
        await t
    log("end")
