"""
id = "tasks.done-between-iterations"
clauses = ["tasks.create.first-step-scheduled", "tasks.done.at-final-step"]
features = ["call-soon", "gather"]
description = "A task is done from the step in which its coroutine returns: a callback queued behind the steps sees it done in that same iteration, while its done callbacks run in the next one. A task with n sleep(0) calls returns in its (n+1)-th step, so the tasks become done one iteration apart."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    async def steps(n):
        for i in range(n):
            await asyncio.sleep(0)
        return n

    tasks = [asyncio.create_task(steps(n)) for n in [2, 0, 1]]
    log("created", any(t.done() for t in tasks))
    for t in tasks:
        t.add_done_callback(lambda t: log("done callback", tasks.index(t)))

    def tick(k):
        done = [t.done() for t in tasks]
        log("tick", k, done, any(done), all(done))
        if not all(done):
            loop.call_soon(tick, k + 1)

    loop.call_soon(tick, 1)
    log("results", await asyncio.gather(*tasks))
