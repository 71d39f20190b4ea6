"""
id = "graph.explicit"
clauses = ["graph.awaited-by.explicit", "graph.capture.current-task", "graph.capture.structure"]
features = ["call-graph", "call-soon"]
min_version = "3.14"
description = "future_add_to_awaited_by records a future as awaiting another (a set: twice is once), future_discard_from_awaited_by removes it (absent: no error); capture_call_graph() without a future is the current task's graph, None in a plain callback."
"""
import asyncio


def report():
    log("in a callback", asyncio.capture_call_graph(limit=0) is None)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    other = loop.create_future()
    log("empty", len(asyncio.capture_call_graph(fut, limit=0).awaited_by))
    asyncio.future_add_to_awaited_by(fut, other)
    asyncio.future_add_to_awaited_by(fut, other)
    g = asyncio.capture_call_graph(fut, limit=0)
    log("one entry", len(g.awaited_by), g.awaited_by[0].future is other)
    asyncio.future_add_to_awaited_by(other, asyncio.current_task())
    g = asyncio.capture_call_graph(fut, limit=0)
    log("chain", g.awaited_by[0].awaited_by[0].future is asyncio.current_task())
    asyncio.future_discard_from_awaited_by(fut, other)
    asyncio.future_discard_from_awaited_by(fut, other)
    log("discarded", len(asyncio.capture_call_graph(fut, limit=0).awaited_by))
    me = asyncio.capture_call_graph(limit=0)
    log("current task", me.future is asyncio.current_task(), len(me.call_stack), len(me.awaited_by))
    loop.call_soon(report)
    await asyncio.sleep(0)
