"""
id = "plain.wait-for-result"
clauses = ["wait_for.result.before-deadline"]
description = "wait_for returns the inner result when it completes before the deadline."
"""
import asyncio


class Service:
    def __init__(self, latency):
        self.latency = latency
        self.calls = 0

    async def ping(self):
        self.calls += 1
        await asyncio.sleep(self.latency)
        return f"pong after {self.latency}"


async def main():
    svc = Service(0.25)
    answer = await asyncio.wait_for(svc.ping(), timeout=1)
    log("answer", answer, svc.calls)
    log("elapsed", asyncio.get_running_loop().time())
