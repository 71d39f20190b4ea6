"""
id = "loop.equal-deadlines-unordered"
clauses = ["loop.timer.equal-when-unordered", "loop.timer.order-by-when"]
features = ["call-later"]
description = "Timers sharing one deadline all fire at that deadline, in an order the spec leaves undefined, but strictly between the earlier and the later deadlines."
unordered = [["same"]]
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, log, "after")
    for i in range(6):
        loop.call_later(0.1, log, "same", i)
    loop.call_later(0.05, log, "before")
    await asyncio.sleep(0.3)
    log("done")
