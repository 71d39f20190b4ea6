"""
id = "loop.call-later-when"
clauses = ["loop.time.call-later-is-call-at", "loop.timer.not-early"]
features = ["call-later"]
description = "call_later(d) schedules a timer whose when() is loop.time() + d at the moment of the call; call_at(w) keeps w; each callback runs at its deadline."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.5)
    before = loop.time()
    h1 = loop.call_later(0.25, log, "later fires")
    after = loop.time()
    h2 = loop.call_at(2.0, log, "at fires")
    log("later when", h1.when() >= before + 0.25, h1.when() <= after + 0.25)
    log("at when", h2.when() == 2.0)
    await asyncio.sleep(1)
    log("done")
