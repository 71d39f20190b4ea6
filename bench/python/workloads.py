#!/usr/bin/env python3
"""The scheduling-latency workloads in Python (stdlib only), the twins of
bench/include/asyncspec/bench_workloads.hpp: same names, same shapes.

    python3 workloads.py --impl cpython-3.13 [--eager] [--uvloop]
                         [--repetitions 5] [--min-time 0.2] [--filter REGEX] [--quick]

prints Google Benchmark-format JSON on stdout: one entry per repetition named
`<workload>/<impl>` with a `ns_per_op` counter (wall-clock ns per operation;
for timer_lateness the median lateness, p99 in `p99_ns`), then the
mean/median/stddev/cv aggregates, as `--benchmark_repetitions` produces.

--eager runs every workload under asyncio.eager_task_factory (3.12+);
--uvloop runs them on uvloop's loop (asyncio.Runner(loop_factory=...)).
Timer slack is set to 1 ns (prctl PR_SET_TIMERSLACK through ctypes) so
timer_lateness measures the loop, not the kernel's default 50 us slack.
"""

import argparse
import asyncio
import ctypes
import ctypes.util
import gc
import json
import os
import platform
import re
import statistics
import sys
import threading
import time

BATCH = 1000
TREE_LEVELS = 6
TREE_BRANCHES = 6  # 1 + 6 + ... + 6^6 = 55,987 coroutines


# ---- workloads: each performs n operations on `loop` (running or not) ----

def call_soon(loop, n):
    count = [0]

    def cb():
        count[0] += 1

    for _ in range(n):
        loop.call_soon(cb)
    loop.call_soon(loop.stop)
    loop.run_forever()
    return count[0]


def call_soon_chain(loop, n):
    left = [n]

    def step():
        left[0] -= 1
        if left[0] > 0:
            loop.call_soon(step)
        else:
            loop.stop()

    loop.call_soon(step)
    loop.run_forever()
    return n - left[0]


def call_later_0(loop, n):
    left = [n]

    def step():
        left[0] -= 1
        if left[0] > 0:
            loop.call_later(0, step)
        else:
            loop.stop()

    loop.call_later(0, step)
    loop.run_forever()
    return n - left[0]


async def leaf(i=1):
    return i


async def sleeper(delay):
    await asyncio.sleep(delay)
    return 0


async def spawner(n):
    s = 0
    for _ in range(n):
        s += await asyncio.create_task(leaf(1))
    return s


def task_spawn(loop, n):
    return loop.run_until_complete(spawner(n))


def task_spawn_eager(loop, n):
    old = loop.get_task_factory()
    loop.set_task_factory(asyncio.eager_task_factory)
    try:
        return loop.run_until_complete(spawner(n))
    finally:
        loop.set_task_factory(old)


async def pinger(k):
    for _ in range(k):
        await asyncio.sleep(0)
    return 0


async def pingpong(n):
    t1 = asyncio.create_task(pinger(n // 2))
    t2 = asyncio.create_task(pinger(n - n // 2))
    return await t1 + await t2


def sleep0_pingpong(loop, n):
    return loop.run_until_complete(pingpong(n)) + n


async def gather_parent(n):
    r = await asyncio.gather(*[leaf(1) for _ in range(n)])
    return len(r)


def gather_per_child(loop, n):
    return loop.run_until_complete(gather_parent(n))


async def taskgroup_parent(n):
    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(leaf(1))
    return n


def taskgroup_per_child(loop, n):
    return loop.run_until_complete(taskgroup_parent(n))


async def taskgroup_empty_loop(n):
    for _ in range(n):
        async with asyncio.TaskGroup():
            pass
    return n


def taskgroup_empty(loop, n):
    return loop.run_until_complete(taskgroup_empty_loop(n))


async def cancel_reap_parent(n):
    tasks = [asyncio.create_task(sleeper(10.0)) for _ in range(n)]
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    reaped = 0
    for t in tasks:
        try:
            await t
        except asyncio.CancelledError:
            reaped += 1
    return reaped


def cancel_reap(loop, n):
    return loop.run_until_complete(cancel_reap_parent(n))


async def wait_for_loop(n):
    s = 0
    for _ in range(n):
        s += await asyncio.wait_for(leaf(1), 10)
    return s


def wait_for_nofire(loop, n):
    return loop.run_until_complete(wait_for_loop(n))


async def timeout_loop(n):
    s = 0
    for _ in range(n):
        async with asyncio.timeout(10):
            s += await leaf(1)
    return s


def timeout_nofire(loop, n):
    return loop.run_until_complete(timeout_loop(n))


async def timeout_fire_loop(n):
    fired = 0
    for _ in range(n):
        try:
            async with asyncio.timeout(0):
                await sleeper(10.0)
        except TimeoutError:
            fired += 1
    return fired


def timeout_fire(loop, n):
    return loop.run_until_complete(timeout_fire_loop(n))


def threadsafe_roundtrip(loop, n):
    reply = threading.Semaphore(0)
    count = [0]

    def cb():
        count[0] += 1
        reply.release()

    def other():
        for _ in range(n):
            loop.call_soon_threadsafe(cb)
            reply.acquire()
        loop.call_soon_threadsafe(loop.stop)

    th = threading.Thread(target=other)
    th.start()
    loop.run_forever()
    th.join()
    return count[0]


def timer_lateness(loop, n, lateness, clock=None):
    """1 ms timers in a chain; lateness = clock() - when at each callback.
    asyncio's loop.time() is time.monotonic(). uvloop's is libuv's cached
    millisecond time, so for uvloop `clock` is time.monotonic and `when` is
    the intended deadline (time.monotonic() + 1 ms at call_later)."""
    left = [n]

    def schedule():
        if clock is None:
            when = loop.time() + 0.001
            loop.call_at(when, fire, when)
        else:
            when = clock() + 0.001
            loop.call_later(0.001, fire, when)

    def fire(when):
        lateness.append((clock or loop.time)() - when)
        left[0] -= 1
        if left[0] > 0:
            schedule()
        else:
            loop.stop()

    schedule()
    loop.run_forever()
    return n - left[0]


async def noop():
    return 0


async def tree_gather(level):
    if level == 0:
        await noop()
        return 1
    r = await asyncio.gather(*[tree_gather(level - 1) for _ in range(TREE_BRANCHES)])
    return 1 + sum(r)


async def tree_taskgroup(level):
    if level == 0:
        await noop()
        return 1
    async with asyncio.TaskGroup() as tg:
        for _ in range(TREE_BRANCHES):
            tg.create_task(tree_taskgroup(level - 1))
    return 1


def async_tree(loop, n):
    return sum(loop.run_until_complete(tree_gather(TREE_LEVELS)) for _ in range(n))


def async_tree_taskgroup(loop, n):
    return sum(loop.run_until_complete(tree_taskgroup(TREE_LEVELS)) for _ in range(n))


def async_tree_eager(loop, n):
    old = loop.get_task_factory()
    loop.set_task_factory(asyncio.eager_task_factory)
    try:
        return async_tree(loop, n)
    finally:
        loop.set_task_factory(old)


# name, function, ops per batch, needs (attribute of asyncio)
WORKLOADS = [
    ("call_soon", call_soon, BATCH, None),
    ("call_soon_chain", call_soon_chain, BATCH, None),
    ("call_later_0", call_later_0, BATCH, None),
    ("task_spawn", task_spawn, BATCH, None),
    ("task_spawn_eager", task_spawn_eager, BATCH, "eager_task_factory"),
    ("sleep0_pingpong", sleep0_pingpong, BATCH, None),
    ("gather_per_child", gather_per_child, BATCH, None),
    ("taskgroup_per_child", taskgroup_per_child, BATCH, "TaskGroup"),
    ("taskgroup_empty", taskgroup_empty, BATCH, "TaskGroup"),
    ("cancel_reap", cancel_reap, BATCH, None),
    ("wait_for_nofire", wait_for_nofire, BATCH, None),
    ("timeout_nofire", timeout_nofire, BATCH, "timeout"),
    ("timeout_fire", timeout_fire, BATCH, "timeout"),
    ("threadsafe_roundtrip", threadsafe_roundtrip, BATCH, None),
    ("async_tree", async_tree, 1, None),
    ("async_tree_taskgroup", async_tree_taskgroup, 1, "TaskGroup"),
    ("async_tree_eager", async_tree_eager, 1, "eager_task_factory"),
]


# ---- measurement -------------------------------------------------------------

def set_timer_slack():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        PR_SET_TIMERSLACK = 29
        return libc.prctl(PR_SET_TIMERSLACK, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0),
                          ctypes.c_ulong(0)) == 0
    except (OSError, AttributeError):
        return False


def load_loop_factory(spec):
    """MODULE:CALLABLE -> the callable (MODULE looked up first in the
    directory the command was typed in: ./asyncspec changes directory)."""
    import importlib
    module, sep, attr = spec.partition(":")
    if not sep or not module or not attr:
        print(f"workloads.py: --loop-factory must be MODULE:CALLABLE, not {spec!r}", file=sys.stderr)
        raise SystemExit(2)
    sys.path.insert(0, os.environ.get("ASYNCSPEC_CALLER_DIR") or os.getcwd())
    try:
        obj = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as e:
        print(f"workloads.py: --loop-factory {spec}: {type(e).__name__}: {e}", file=sys.stderr)
        raise SystemExit(2)
    if not callable(obj):
        print(f"workloads.py: --loop-factory {spec}: not callable", file=sys.stderr)
        raise SystemExit(2)
    return obj


def make_loop(args):
    if args.uvloop:
        import uvloop
        loop = uvloop.new_event_loop()
    elif args.loop_factory:
        loop = load_loop_factory(args.loop_factory)()
    else:
        loop = asyncio.new_event_loop()
    if args.eager:
        loop.set_task_factory(asyncio.eager_task_factory)
    return loop


def entry(name, reps, index, iterations, seconds, ns_per_op, extra=None):
    e = {
        "name": name, "family_index": 0, "per_family_instance_index": 0, "run_name": name,
        "run_type": "iteration", "repetitions": reps, "repetition_index": index, "threads": 1,
        "iterations": iterations, "real_time": seconds * 1e9 / max(iterations, 1),
        "cpu_time": seconds * 1e9 / max(iterations, 1), "time_unit": "ns", "ns_per_op": ns_per_op,
    }
    if extra:
        e.update(extra)
    return e


def aggregates(name, reps, runs):
    out = []
    vals = [r["ns_per_op"] for r in runs]
    mean = statistics.fmean(vals)
    sd = statistics.stdev(vals) if len(vals) > 1 else 0.0
    for agg, v in (("mean", mean), ("median", statistics.median(vals)), ("stddev", sd),
                   ("cv", sd / mean if mean else 0.0)):
        e = dict(runs[0])
        e.update({"name": f"{name}_{agg}", "run_type": "aggregate", "aggregate_name": agg, "ns_per_op": v})
        e.pop("repetition_index", None)
        if agg == "cv":
            e["aggregate_unit"] = "percentage"
        out.append(e)
    return out


def run_batch_workload(args, fn, batch):
    """One repetition: batches until min_time has passed; wall ns per op."""
    loop = make_loop(args)
    try:
        fn(loop, batch)  # warm-up
        ops = 0
        iters = 0
        gc.collect()
        t0 = time.perf_counter()
        while True:
            fn(loop, batch)
            ops += batch
            iters += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= args.min_time:
                break
        return iters, elapsed, elapsed * 1e9 / ops
    finally:
        loop.close()


def run_timer_lateness(args):
    loop = make_loop(args)
    try:
        # uvloop's loop.time() is a cached millisecond clock; any other
        # loop's clock is unknown: lateness against time.monotonic().
        clock = time.monotonic if args.uvloop or args.loop_factory else None
        timer_lateness(loop, 20, [], clock)
        lat = []
        t0 = time.perf_counter()
        timer_lateness(loop, args.timer_samples, lat, clock)
        elapsed = time.perf_counter() - t0
    finally:
        loop.close()
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * (len(lat) - 1) + 0.5))]

    return elapsed, pct(50) * 1e9, {"p99_ns": pct(99) * 1e9, "early": sum(1 for x in lat if x < 0),
                                    "samples": len(lat)}


def count_iterations():
    """Loop iterations each workload takes for n = 10 (one tree), printed as
    `<workload> <iterations>`: the reference's bench_icount --iterations must
    print the same (bench/tests/test_iterations.py)."""
    for wname, fn, batch, need in WORKLOADS:
        if wname == "threadsafe_roundtrip" or (need and not hasattr(asyncio, need)):
            continue
        loop = asyncio.new_event_loop()
        count = [0]
        run_once = loop._run_once

        def counting(run_once=run_once, count=count):
            count[0] += 1
            run_once()

        loop._run_once = counting
        try:
            fn(loop, 1 if batch == 1 else 10)
        finally:
            loop.close()
        print(wname, count[0])


def main():
    if sys.argv[1:] == ["--iterations"]:
        count_iterations()
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--impl", required=True, help="implementation name (cpython-3.13, uvloop, ...)")
    ap.add_argument("--eager", action="store_true")
    ap.add_argument("--uvloop", action="store_true")
    ap.add_argument("--loop-factory", metavar="MODULE:CALLABLE", help="run the workloads on this loop")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.2, help="seconds per repetition")
    ap.add_argument("--timer-samples", type=int, default=500)
    ap.add_argument("--filter", default="", help="regex on <workload>/<impl>")
    ap.add_argument("--quick", action="store_true", help="3 repetitions of 0.05 s, 100 timer samples")
    args = ap.parse_args()
    if args.quick:
        args.repetitions, args.min_time, args.timer_samples = 3, 0.05, 100
    slack = set_timer_slack()
    if args.uvloop:
        import uvloop  # noqa: F401 (fail early)
    flt = re.compile(args.filter) if args.filter else None

    benchmarks = []
    todo = [(n, fn, b, need) for n, fn, b, need in WORKLOADS] + [("timer_lateness", None, 0, None)]
    for wname, fn, batch, need in todo:
        name = f"{wname}/{args.impl}"
        if flt and not flt.search(name):
            continue
        if need and not hasattr(asyncio, need):
            continue
        if args.eager and wname in ("task_spawn_eager", "async_tree_eager"):
            continue  # the same as task_spawn / async_tree under --eager
        runs = []
        for rep in range(args.repetitions):
            if fn is None:
                elapsed, ns, extra = run_timer_lateness(args)
                runs.append(entry(name, args.repetitions, rep, 1, elapsed, ns, extra))
            else:
                iters, elapsed, ns = run_batch_workload(args, fn, batch)
                runs.append(entry(name, args.repetitions, rep, iters, elapsed, ns))
        benchmarks.extend(runs)
        benchmarks.extend(aggregates(name, args.repetitions, runs))
        print(f"  {name}: {statistics.median(r['ns_per_op'] for r in runs):.0f} ns/op", file=sys.stderr)

    doc = {
        "context": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "host_name": platform.node(),
            "executable": sys.executable, "num_cpus": os.cpu_count(), "library_build_type": "release",
            "python_version": platform.python_version(), "implementation": args.impl,
            "eager_task_factory": args.eager, "uvloop": args.uvloop, "timer_slack_1ns": slack,
        },
        "benchmarks": benchmarks,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
