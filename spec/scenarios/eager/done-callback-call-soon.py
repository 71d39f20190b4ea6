"""
id = "eager.done-callback-call-soon"
clauses = ["eager.callbacks.scheduled"]
features = ["eager-tasks", "futures"]
min_version = "3.12"
description = "A done callback added to an eagerly completed task is not called synchronously: it is scheduled with call_soon."
"""
import asyncio


def on_done(t):
    log("callback", t.result())


async def child():
    return "r"


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child())
    t.add_done_callback(on_done)
    log("after add_done_callback")
    await asyncio.sleep(0)
    log("after one iteration")
