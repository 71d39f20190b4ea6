"""
id = "loop.handle-cancel-after-run"
clauses = ["loop.handle.cancel-idempotent"]
features = ["call-soon", "call-later"]
description = "Cancelling a handle that already ran, or cancelling twice, is harmless; CPython then reports cancelled() True."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(log, "ran")
    t = loop.call_later(0.1, log, "timer ran")
    await asyncio.sleep(0.2)
    log("before cancel", h.cancelled(), t.cancelled())
    h.cancel()
    h.cancel()
    t.cancel()
    log("after cancel", h.cancelled(), t.cancelled())
    await asyncio.sleep(0)
    log("done")
