"""
id = "wait_for.zero-timeout"
clauses = ["wait_for.timeout-zero.done-or-cancel"]
features = ["wait-for", "futures"]
description = "timeout=0: a done future's result is returned at once; a coroutine is cancelled before its first step (its body never runs) and TimeoutError is raised."
"""
import asyncio


async def job():
    log("job body runs")
    return 1


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_result("ready")
    log("done future", await asyncio.wait_for(f, 0))
    try:
        await asyncio.wait_for(job(), 0)
    except asyncio.TimeoutError as e:
        log("timeout", e.__cause__)
    try:
        await asyncio.wait_for(job(), -1)
    except asyncio.TimeoutError:
        log("negative timeout")
