"""
id = "loop.cancel-due-timer-same-iteration"
clauses = ["loop.handle.cancel", "loop.timer.behind-ready"]
features = ["call-soon", "call-later"]
description = "A handle cancelled by an earlier handle of the same iteration is skipped, whether it is a call_soon handle or a due timer already moved to the ready queue."
"""
import asyncio

SOON = None
TIMER = None


def killer():
    log("killer")
    SOON.cancel()
    TIMER.cancel()


async def main():
    global SOON, TIMER
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.5)
    loop.call_at(0.1, log, "past timer a")
    TIMER = loop.call_at(0.2, log, "past timer b (cancelled)")
    loop.call_soon(killer)
    SOON = loop.call_soon(log, "soon (cancelled)")
    loop.call_soon(log, "soon survivor")
    await asyncio.sleep(0.1)
    log("done")
