"""
id = "timeout.nested-in-finally"
clauses = ["timeout.exit.cause-chain"]
features = ["timeout", "call-later"]
description = "A second timeout expires inside the finally block of an expired one: each TimeoutError is raised from its own CancelledError (which has no cause) and has that CancelledError as its __context__ too."
"""
import asyncio


async def main():
    inner = None
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(10)
                except TimeoutError as e2:
                    inner = e2
                    log("inner timeout", asyncio.get_running_loop().time())
    except TimeoutError as e1:
        e12 = e1.__cause__
        log("outer cause", isinstance(e12, asyncio.CancelledError), e12.__cause__, e12.__context__)
        log("outer context is cause", e1.__context__ is e12)
        e22 = inner.__cause__
        log("inner cause", isinstance(e22, asyncio.CancelledError), e22.__cause__)
        log("inner context is cause", inner.__context__ is e22)
