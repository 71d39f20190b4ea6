"""
id = "cancel.retrieval-message-once"
clauses = ["cancel.retrieval.message-once"]
features = ["cancel-msg"]
description = "CPython hands the coroutine's own CancelledError (with the message) to the first retrieval only; later result()/exception()/await on the cancelled task raise a new CancelledError without the message."
"""
import asyncio


async def child():
    await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.cancel("the message")
    try:
        await t
    except asyncio.CancelledError as e:
        log("first retrieval (await)", e)
    try:
        t.result()
    except asyncio.CancelledError as e:
        log("second retrieval (result)", e)
    try:
        t.exception()
    except asyncio.CancelledError as e:
        log("third retrieval (exception)", e)
