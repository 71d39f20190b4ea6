"""
id = "cancel.not-an-exception"
clauses = ["cancel.base-exception"]
features = []
description = "CancelledError is a BaseException, not an Exception: `except Exception` in the cancelled coroutine does not catch it."
"""
import asyncio


async def child():
    try:
        await asyncio.sleep(10)
    except Exception:
        log("caught as Exception (wrong)")
    log("not reached")


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except Exception:
        log("main caught as Exception (wrong)")
    except asyncio.CancelledError as e:
        log("main caught CancelledError", isinstance(e, Exception), isinstance(e, BaseException))
