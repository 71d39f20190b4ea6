"""
id = "plain.as-completed-order"
clauses = ["as_completed.plain.completion-order"]
description = "as_completed() yields results in the order the inputs complete."
"""
import asyncio


async def main():
    async def delayed(value, delay):
        await asyncio.sleep(delay)
        return value

    inputs = [delayed(v, d) for v, d in [("slow", 3), ("fast", 1), ("medium", 2)]]
    order = []
    for i, next_done in enumerate(asyncio.as_completed(inputs)):
        value = await next_done
        order.append((i, value))
    log("order", order)
