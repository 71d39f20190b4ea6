"""
id = "plain.taskgroup-exception-group"
clauses = ["taskgroup.errors.exception-group"]
description = "Errors of TaskGroup children are raised together as an ExceptionGroup."
"""
import asyncio


class ParseError(Exception):
    pass


class NetError(Exception):
    pass


async def main():
    async def fail_with(exc_type, delay):
        await asyncio.sleep(delay)
        raise exc_type(delay)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_with(ParseError, 1))
            tg.create_task(fail_with(NetError, 1))
    except ExceptionGroup as eg:
        names = sorted(type(e).__name__ for e in eg.exceptions)
        log("group", type(eg).__name__, names)
        parse, rest = eg.split(ParseError)
        log("split", len(parse.exceptions), len(rest.exceptions))
