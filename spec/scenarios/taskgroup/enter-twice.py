"""
id = "taskgroup.enter-twice"
clauses = ["taskgroup.enter.once-only"]
features = ["taskgroup"]
description = "Entering the same TaskGroup a second time raises RuntimeError."
"""
import asyncio


async def main():
    tg = asyncio.TaskGroup()
    async with tg:
        pass
    try:
        async with tg:
            log("not reached")
    except RuntimeError as e:
        log("second enter", e)
