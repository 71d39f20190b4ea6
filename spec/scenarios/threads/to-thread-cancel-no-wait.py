"""
id = "threads.to-thread-cancel-no-wait"
clauses = ["threads.to-thread.cancel-awaiter"]
features = ["threads", "cancel-msg", "event"]
description = "A task cancelled in `await to_thread(f)` ends cancelled in the next iteration without waiting for the thread: here f stays blocked until a callback queued after the cancel opens a gate on the loop, and that callback already sees the task done."
"""
import asyncio


async def gate(ev):
    await ev.wait()
    return "gate opened"


def blocked(loop, ev):
    return asyncio.run_coroutine_threadsafe(gate(ev), loop).result()


def open_gate(ev, t):
    log("opening the gate; task done", t.done())
    ev.set()


async def runner(loop, ev):
    r = await asyncio.to_thread(blocked, loop, ev)
    log("not reached", r)


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    t = asyncio.create_task(runner(loop, ev))
    await asyncio.sleep(0)
    log("cancel", t.cancel("stop"))
    loop.call_soon(open_gate, ev, t)
    try:
        await t
    except asyncio.CancelledError as e:
        log("caught", e)
    log("state", t.done(), t.cancelled())
