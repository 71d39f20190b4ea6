"""
id = "sleep.cancel-sleeping"
clauses = ["sleep.cancel.removes-timer", "cancel.iterations"]
features = ["call-soon"]
description = "Cancelling a task in sleep(10) raises CancelledError out of the sleep one iteration later, at the current time; the awaiter resumes one iteration after that."
"""
import asyncio


def tick(n):
    log("tick", n)
    if n < 4:
        asyncio.get_running_loop().call_soon(tick, n + 1)


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("sleep interrupted")
        raise


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    asyncio.get_running_loop().call_soon(tick, 0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log("main resumed")
    await asyncio.sleep(0.5)
    log("end")
