"""
id = "gather.cancel-race-completion"
clauses = ["gather.cancel.no-child-cancelled-returns-false"]
features = ["gather", "futures"]
description = "outer.cancel() in the same iteration the last child completed (its callback not run yet) cancels no child, returns False, and the gather still delivers its results."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    g = asyncio.gather(f)
    await asyncio.sleep(0)
    f.set_result(5)
    log("cancel", g.cancel("late"))
    log("outer", g.done())
    res = await g
    log("results", res, g.cancelled())
