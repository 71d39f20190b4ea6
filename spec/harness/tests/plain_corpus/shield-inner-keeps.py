"""
id = "plain.shield-inner-keeps"
clauses = ["shield.cancel.inner-keeps-running"]
description = "Cancelling the task awaiting shield() does not cancel the shielded inner task."
"""
import asyncio


async def main():
    state = {"saved": False}

    async def save():
        await asyncio.sleep(3)
        state["saved"] = True
        return "saved"

    inner = asyncio.create_task(save())

    async def request():
        return await asyncio.shield(inner)

    outer = asyncio.create_task(request())
    asyncio.get_running_loop().call_later(1, outer.cancel)
    try:
        await outer
    except asyncio.CancelledError:
        log("outer cancelled", state["saved"], inner.cancelled())
    log("inner result", await inner, state["saved"])
