"""
id = "plain.event-already-set"
clauses = ["event.wait.set-no-suspend"]
description = "Waiting on an event that is already set returns True without suspending."
"""
import asyncio


async def main():
    ev = asyncio.Event()
    ev.set()
    order = []
    asyncio.get_running_loop().call_soon(lambda: order.append("callback"))
    result = await ev.wait()
    order.append("after wait")
    await asyncio.sleep(0)
    log("result", result)
    log("order", order)
