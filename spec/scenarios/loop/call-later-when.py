"""
id = "loop.call-later-when"
clauses = ["loop.time.call-later-is-call-at", "loop.timer.not-early"]
features = ["call-later"]
description = "call_later(d) schedules a timer whose when() is loop.time() + d; call_at(w) keeps w; the callback sees loop.time() equal to the deadline on a virtual clock."
"""
import asyncio


def fire(name):
    log("fire", name, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.5)
    h1 = loop.call_later(0.25, fire, "later")
    h2 = loop.call_at(2.0, fire, "at")
    log("when", h1.when(), h2.when(), loop.time())
    await asyncio.sleep(1)
    log("done", loop.time())
