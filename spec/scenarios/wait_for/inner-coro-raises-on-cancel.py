"""
id = "wait_for.inner-coro-raises-on-cancel"
clauses = ["wait_for.timeout.inner-raises-propagates"]
features = ["wait-for"]
description = "A coroutine (not a task) passed to wait_for raises its own exception when cancelled by the timeout: the exception propagates; its __context__ chain shows which exception it replaced."
"""
import asyncio


class Boom(Exception):
    pass


async def job():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise Boom("cleanup failed")


async def main():
    try:
        await asyncio.wait_for(job(), 1)
    except Boom as e:
        c = e.__context__
        log("caught", e, c)
        if c is not None:
            log("context of context", c.__context__)
    log("cancelling", asyncio.current_task().cancelling())
