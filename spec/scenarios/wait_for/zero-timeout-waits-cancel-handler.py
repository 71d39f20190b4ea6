"""
id = "wait_for.zero-timeout-waits-cancel-handler"
clauses = ["wait_for.timeout-zero.done-or-cancel", "wait_for.timeout.waits-for-inner"]
features = ["wait-for", "call-later"]
description = "wait_for(t, 0) on a running task whose cancel handler awaits before re-raising: TimeoutError comes only after the handler has finished, and its __context__ is a CancelledError."
"""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("inner cancelled")
        await asyncio.sleep(0.25)
        log("inner handler done")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(inner())
    await asyncio.sleep(0.1)
    try:
        await asyncio.wait_for(t, timeout=0)
    except TimeoutError as e:
        log("timeout", loop.time(), t.cancelled(), isinstance(e.__context__, asyncio.CancelledError))
