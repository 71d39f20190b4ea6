#!/usr/bin/env python3
"""The scheduling-latency workloads (bench/python/workloads.py) on any loop
factory:

    python3 spec/adopters/bench_loop.py MODULE:CALLABLE --impl NAME [workloads.py options] > new.json

workloads.py builds its loops with asyncio.new_event_loop(); this sets an
event-loop policy whose new_event_loop() is the factory, then runs
workloads.py unchanged (Google Benchmark JSON on stdout, for bench/compare.py).
MODULE is imported from the current directory first, as `check` does.
"""

import asyncio
import importlib
import os
import runpy
import sys

# bench/ of the asyncspec checkout this file is in.
WORKLOADS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "python",
                                          "workloads.py"))


def main():
    if len(sys.argv) < 2 or ":" not in sys.argv[1]:
        print("usage: bench_loop.py MODULE:CALLABLE --impl NAME [workloads.py options]", file=sys.stderr)
        return 2
    module, _, attr = sys.argv[1].partition(":")
    sys.path.insert(0, os.getcwd())
    try:
        factory = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        print(f"bench_loop.py: cannot load the loop factory {sys.argv[1]}: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 2

    class FactoryPolicy(asyncio.DefaultEventLoopPolicy):
        inside = False

        def new_event_loop(self):
            # A factory that itself calls asyncio.new_event_loop() (and then
            # configures the loop) gets asyncio's own loop there.
            if self.inside:
                return super().new_event_loop()
            self.inside = True
            try:
                return factory()
            finally:
                self.inside = False

    asyncio.set_event_loop_policy(FactoryPolicy())
    sys.argv = [WORKLOADS] + sys.argv[2:]
    runpy.run_path(WORKLOADS, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
