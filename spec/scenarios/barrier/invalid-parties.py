"""
id = "barrier.invalid-parties"
clauses = ["barrier.init.parties"]
features = ["barrier"]
description = "Barrier(0) and Barrier(-1) raise ValueError; a valid barrier reports parties, n_waiting 0 and broken False."
"""
import asyncio


async def main():
    for n in [0, -1]:
        try:
            asyncio.Barrier(n)
        except ValueError as e:
            log("parties", n, e)
    b = asyncio.Barrier(3)
    log("state", b.parties, b.n_waiting, b.broken)
