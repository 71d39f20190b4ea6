"""
id = "condition.requires-lock"
clauses = ["condition.wait.requires-lock", "condition.notify.requires-lock"]
features = ["condition"]
description = "wait(), notify() and notify_all() called without holding the condition's lock raise RuntimeError; nothing is queued."
"""
import asyncio


async def main():
    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError as e:
        log("wait", e)
    try:
        cond.notify()
    except RuntimeError as e:
        log("notify", e)
    try:
        cond.notify_all()
    except RuntimeError as e:
        log("notify_all", e)
    log("locked", cond.locked())
