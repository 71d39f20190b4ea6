"""
id = "wait_for.inner-raises-on-cancel"
clauses = ["wait_for.timeout.inner-raises-propagates"]
features = ["wait-for"]
description = "An inner task that raises its own exception while being cancelled for the timeout: that exception propagates instead of TimeoutError; its __context__ shows what it replaced."
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
    t = asyncio.create_task(job())
    try:
        await asyncio.wait_for(t, 1)
    except Boom as e:
        log("caught", e, e.__context__)
