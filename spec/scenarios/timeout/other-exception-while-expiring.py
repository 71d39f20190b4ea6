"""
id = "timeout.other-exception-while-expiring"
clauses = ["timeout.exit.other-exception-passes"]
features = ["timeout"]
description = "A body that turns the expiry's CancelledError into its own exception: that exception leaves the timeout unchanged; its __context__ is the CancelledError (3.11, 3.12) or an inserted TimeoutError (3.13+)."
"""
import asyncio


class Boom(Exception):
    pass


async def main():
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                raise Boom("replaced")
    except Boom as e:
        c = e.__context__
        log("caught", e, c, cm.expired())
        log("chain", c.__context__, c.__cause__)
