"""
id = "eager.ordering-vs-lazy"
clauses = ["eager.order.versus-lazy"]
features = ["eager-tasks"]
min_version = "3.12"
description = "An eager task A created before a lazy task B starts inside create_task; after their sleep(0), A resumes before B's first step."
"""
import asyncio


async def job(name):
    log("start", name)
    await asyncio.sleep(0)
    log("end", name)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    a = asyncio.create_task(job("A"))
    log("after create A")
    loop.set_task_factory(None)
    b = asyncio.create_task(job("B"))
    log("after create B")
    await a
    await b
