"""
id = "as_completed.unused-timeout"
clauses = ["as_completed.timeout.unused-harmless"]
features = ["as-completed", "uncancel", "call-later"]
description = "as_completed with a timeout that never fires (every input done before it): iteration yields the results normally, and nothing happens when the deadline passes later."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for f in asyncio.as_completed([asyncio.sleep(0.01, "a")], timeout=1):
        v = await f
        log("got", v, loop.time())
    await asyncio.sleep(2)
    log("after deadline", loop.time(), asyncio.current_task().cancelling())
