"""
id = "loop.handle-cancel"
clauses = ["loop.handle.cancel"]
features = ["call-soon", "call-later"]
description = "A cancelled call_soon handle or timer handle never runs; cancelled() becomes True; the other handles are unaffected."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(log, "soon 1")
    h2 = loop.call_soon(log, "soon 2 (cancelled)")
    h3 = loop.call_soon(log, "soon 3")
    t1 = loop.call_later(0.1, log, "timer 1 (cancelled)")
    t2 = loop.call_later(0.2, log, "timer 2")
    log("before", h2.cancelled(), t1.cancelled())
    h2.cancel()
    t1.cancel()
    log("after", h1.cancelled(), h2.cancelled(), h3.cancelled(), t1.cancelled(), t2.cancelled())
    await asyncio.sleep(0.3)
    log("done")
