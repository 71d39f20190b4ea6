"""
id = "futures.cancel-pending"
clauses = ["futures.cancel.pending", "futures.cancel.done-returns-false"]
features = ["futures", "cancel-msg"]
description = "cancel(msg) on a pending future returns True and makes it cancelled; result() and exception() then raise CancelledError carrying msg; a second cancel() returns False."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    log("cancel", fut.cancel("stop it"))
    log("state", fut.done(), fut.cancelled(), fut)
    try:
        fut.result()
    except asyncio.CancelledError as e:
        log("result()", e)
    try:
        fut.exception()
    except asyncio.CancelledError as e:
        log("exception()", e)
    log("cancel again", fut.cancel("other"))
    try:
        fut.result()
    except asyncio.CancelledError as e:
        log("message kept", e)
    plain = loop.create_future()
    plain.cancel()
    try:
        plain.result()
    except asyncio.CancelledError as e:
        log("no message", e)
