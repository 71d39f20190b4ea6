"""
id = "gather.future-cancelled-message"
clauses = ["gather.return-exceptions.cancel-message-lost", "gather.error.child-cancel-is-exception"]
features = ["gather", "futures", "cancel-msg"]
description = "A plain future cancelled with a message keeps the message in gather's results (return_exceptions=True) and in the raised CancelledError (return_exceptions=False)."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    g1 = asyncio.gather(f1, return_exceptions=True)
    g2 = asyncio.gather(f2)
    f1.cancel("m1")
    f2.cancel("m2")
    log("results", await g1)
    try:
        await g2
    except asyncio.CancelledError as e:
        log("caught", e)
