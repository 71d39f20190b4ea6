"""
id = "graph.task-await"
clauses = ["graph.awaited-by.task-await", "graph.capture.structure"]
features = ["call-graph", "task-names"]
min_version = "3.14"
description = "A task suspended on a future or a task is in its awaited_by until the task's wakeup runs (still there right after set_result); capture_call_graph(x, limit=0) walks the awaiters recursively, with empty call stacks."
"""
import asyncio


async def leaf(fut):
    await fut
    return "leaf"


async def middle(t):
    return await t


def names(g):
    return sorted([p.future.get_name() for p in g.awaited_by])


async def main():
    asyncio.current_task().set_name("main")
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(leaf(fut), name="leaf")
    log("before the first step", names(asyncio.capture_call_graph(fut, limit=0)))
    await asyncio.sleep(0)
    g = asyncio.capture_call_graph(fut, limit=0)
    log("future is fut", g.future is fut, "call stack", len(g.call_stack))
    log("fut awaited by", names(g))
    m1 = asyncio.create_task(middle(t), name="m1")
    m2 = asyncio.create_task(middle(t), name="m2")
    await asyncio.sleep(0)
    g = asyncio.capture_call_graph(fut, limit=0)
    log("fut awaited by", names(g))
    leaf_graph = g.awaited_by[0]
    log("leaf's graph", leaf_graph.future is t, names(leaf_graph))
    log("depth 2", [names(x) for x in leaf_graph.awaited_by])
    fut.set_result(1)
    log("right after set_result", names(asyncio.capture_call_graph(fut, limit=0)))
    await asyncio.sleep(0)
    log("after the wakeup", names(asyncio.capture_call_graph(fut, limit=0)))
    log("results", await m1, await m2)
    log("after awaiting", names(asyncio.capture_call_graph(t, limit=0)))
