"""
id = "graph.combinators"
clauses = ["graph.awaited-by.combinators"]
features = ["call-graph", "task-names", "gather", "wait", "shield", "taskgroup"]
min_version = "3.14"
description = "gather, wait, shield and TaskGroup record the calling task as awaiting each pending child until the child completes: a child wait() returns as pending stays recorded, a shielded inner keeps its awaiter after the shield's outer is cancelled, a TaskGroup child is awaited by the group's parent task."
"""
import asyncio


async def child(delay):
    await asyncio.sleep(delay)


def names(t):
    return sorted([p.future.get_name() for p in asyncio.capture_call_graph(t, limit=0).awaited_by])


async def gatherer(a, b):
    await asyncio.gather(a, b)


async def shielder(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError:
        log("shielder cancelled")
        raise


async def main():
    asyncio.current_task().set_name("main")
    a = asyncio.create_task(child(0.1), name="a")
    b = asyncio.create_task(child(0.2), name="b")
    g = asyncio.create_task(gatherer(a, b), name="gatherer")
    await asyncio.sleep(0)
    log("a during gather", names(a))
    await asyncio.sleep(0.15)
    log("a done", names(a), "b", names(b))
    await g
    log("b after gather", names(b))

    c = asyncio.create_task(child(0.1), name="c")
    d = asyncio.create_task(child(1), name="d")
    done, pending = await asyncio.wait([c, d], return_when=asyncio.FIRST_COMPLETED)
    log("after wait: c", names(c), "d", names(d))

    e = asyncio.create_task(child(0.1), name="e")
    s = asyncio.create_task(shielder(e), name="shielder")
    await asyncio.sleep(0)
    log("e shielded", names(e))
    s.cancel()
    await asyncio.sleep(0)
    log("outer cancelled", s.cancelled(), "e", names(e))
    await e
    log("e done", names(e))

    async with asyncio.TaskGroup() as tg:
        f = tg.create_task(child(0.1), name="f")
        log("f in the group", names(f))
    log("f after the group", names(f))
    d.cancel()
