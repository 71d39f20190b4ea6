"""
id = "queue.worker-pool-results-dict"
clauses = ["queue.order.fifo", "queue.join.blocks-until-done"]
features = ["queue", "task-names"]
description = "A pool of worker tasks takes jobs from a Queue in FIFO order; join() returns when the last job's task_done() brings the unfinished count to 0, with every result recorded; the workers stay blocked in get() until cancelled."
"""
import asyncio


async def main():
    q = asyncio.Queue()
    results = {}
    jobs = [("a", 4), ("b", 1), ("c", 1.5), ("d", 0.5)]

    async def worker(wid):
        while True:
            job = await q.get()
            await asyncio.sleep(job[1])
            results[job[0]] = wid
            log("finished", job[0], "by", wid)
            q.task_done()

    workers = [asyncio.create_task(worker(w), name=f"w{w}") for w in range(2)]
    for job in jobs:
        q.put_nowait(job)
    await q.join()
    log("joined", results, q.empty())
    log("first finished", next(iter(results)))
    log("per worker", {w: [name for name in results if results[name] == w] for w in range(2)})
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    log("workers cancelled", all(w.cancelled() for w in workers))
