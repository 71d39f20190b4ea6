"""
id = "gather.empty"
clauses = ["gather.empty.done-empty-list"]
features = ["gather"]
description = "gather() with no arguments returns an already-completed future whose result is []."
"""
import asyncio


async def main():
    g = asyncio.gather()
    log("done at once", g.done())
    log("result", await g)
