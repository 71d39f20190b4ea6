"""
id = "wait.really-done"
clauses = ["wait.result.split-after-wake"]
features = ["wait", "futures", "call-later"]
description = "With FIRST_COMPLETED, inputs that complete in the same iteration as the first one are all in done: the split is computed when wait() resumes."
"""
import asyncio


def finish(f1, f2):
    f1.set_result(1)
    f2.set_result(2)


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    f3 = loop.create_future()
    loop.call_later(0.1, finish, f1, f2)
    done, pending = await asyncio.wait([f1, f2, f3], return_when=asyncio.FIRST_COMPLETED)
    log("returned", len(done), f1 in done, f2 in done, f3 in pending)
