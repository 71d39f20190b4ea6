"""
id = "taskgroup.body-raises-before-children-ran"
clauses = ["taskgroup.abort.unstarted-children-never-run"]
features = ["taskgroup", "exception-groups"]
description = "The body raises right after creating children, before any of them took a step: the children are cancelled before their first step (their bodies never run) and the group raises the body's error alone."
"""
import asyncio


class Boom(Exception):
    pass


async def job(n):
    log("child started", n)
    await asyncio.sleep(1)
    return n


async def main():
    t1 = None
    t2 = None
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(job(1))
            t2 = tg.create_task(job(2))
            raise Boom("body")
    except ExceptionGroup as eg:
        log("group", eg)
    log("children", t1.cancelled(), t2.cancelled())
