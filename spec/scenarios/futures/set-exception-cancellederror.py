"""
id = "futures.set-exception-cancellederror"
clauses = ["futures.set-exception.cancelled-error-not-cancelled", "futures.await.outcome"]
features = ["futures", "cancel-msg"]
description = "A future given CancelledError through set_exception is finished, not cancelled; awaiting it raises that CancelledError."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_exception(asyncio.CancelledError("via set_exception"))
    log("state", fut.done(), fut.cancelled(), fut)
    log("exception()", fut.exception())
    try:
        await fut
    except asyncio.CancelledError as e:
        log("await raised", e)
    log("current task not cancelling", asyncio.current_task().cancelling())
