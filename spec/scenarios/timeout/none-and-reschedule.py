"""
id = "timeout.none-and-reschedule"
clauses = ["timeout.create.none-never", "timeout.reschedule.moves-deadline", "timeout.query.when"]
features = ["timeout"]
description = "timeout(None) never fires until rescheduled; reschedule() moves the deadline later, earlier, or (None) disables it."
"""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        log("when", cm.when())
        await asyncio.sleep(5)
        log("still running")
    async with asyncio.timeout(1) as cm2:
        cm2.reschedule(None)
        await asyncio.sleep(2)
        log("disabled", cm2.when())
    try:
        async with asyncio.timeout(1) as cm3:
            cm3.reschedule(loop.time() + 3)
            log("later", cm3.when())
            await asyncio.sleep(2)
            log("survived original deadline")
            cm3.reschedule(loop.time() + 0.5)
            await asyncio.sleep(10)
    except TimeoutError:
        log("fired", loop.time())
