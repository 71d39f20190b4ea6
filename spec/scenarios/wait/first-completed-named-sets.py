"""
id = "wait.first-completed-named-sets"
clauses = ["wait.result.done-pending-sets", "wait.return-when.first-completed", "wait.timeout.returns-pending"]
features = ["wait", "task-names"]
description = "wait() returns two sets of tasks: with FIRST_COMPLETED the earliest task is in done and the rest in pending; a wait on pending with a timeout returns the ones finished by then and leaves the others pending without cancelling them."
"""
import asyncio
from asyncio import FIRST_COMPLETED, create_task, sleep, wait


async def main():
    async def job(d):
        await sleep(d)
        return d

    tasks = {create_task(job(d), name=f"job{d}") for d in [3, 1, 2]}
    done, pending = await wait(tasks, return_when=FIRST_COMPLETED)
    log("first", done, pending, type(done).__name__)
    log("names", {t.get_name() for t in pending} == {"job2", "job3"})
    done2, pending2 = await wait(pending, timeout=1.5)
    log("timed out", done2, pending2, [t.cancelled() for t in pending2])
    done3, pending3 = await wait(pending2)
    log("rest", done3, pending3)
    log("total", sum(t.result() for t in tasks), all(t.done() for t in tasks))
