"""
id = "gather.coroutines-wrapped-in-order"
clauses = ["gather.args.tasks-created-in-order", "gather.results.argument-order"]
features = ["gather", "task-names"]
description = "Coroutines are wrapped in tasks in argument order: they get consecutive default names and start in that order on the next iteration."
"""
import asyncio


async def child(label):
    log("start", label, asyncio.current_task().get_name())
    return label


async def main():
    g = asyncio.gather(child("x"), child("y"), child("z"))
    log("gather returned")
    log("results", await g)
