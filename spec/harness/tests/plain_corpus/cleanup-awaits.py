"""
id = "plain.cleanup-awaits"
clauses = ["cancel.cleanup.may-await"]
description = "A cancelled task may await in its cleanup code before the cancellation completes it."
"""
import asyncio


async def main():
    closed = False

    async def connection():
        nonlocal closed
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.sleep(2)
            closed = True

    conn = asyncio.create_task(connection())
    await asyncio.sleep(1)
    conn.cancel()
    try:
        await conn
    except asyncio.CancelledError:
        pass
    loop = asyncio.get_running_loop()
    log("closed", closed, conn.cancelled(), loop.time())
