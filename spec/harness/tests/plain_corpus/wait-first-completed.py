"""
id = "plain.wait-first-completed"
clauses = ["wait.return-when.first-completed"]
description = "wait(return_when=FIRST_COMPLETED) returns as soon as any input completes."
"""
from asyncio import FIRST_COMPLETED, create_task, sleep, wait
import asyncio


async def job(seconds):
    await sleep(seconds)
    return seconds


async def main():
    tasks = {create_task(job(s), name=f"job-{s}") for s in (3, 1, 2)}
    done, pending = await wait(tasks, return_when=FIRST_COMPLETED)
    log("done", [t.get_name() for t in done])
    log("pending", sorted(t.get_name() for t in pending))
    log("now", asyncio.get_running_loop().time())
    for t in pending:
        t.cancel()
    await wait(pending)
