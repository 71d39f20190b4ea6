"""
id = "as_completed.plain-form-done-input"
clauses = ["as_completed.plain.new-awaitables"]
features = ["as-completed"]
description = "Plain iteration never yields the input futures themselves, even for inputs already done; awaiting the yielded awaitable gives the result."
"""
import asyncio


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_result("pre")
    it = asyncio.as_completed([f])
    for x in it:
        log("same object", x is f)
        log("value", await x)
