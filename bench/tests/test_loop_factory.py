"""`--loop-factory MODULE:CALLABLE` runs the Python workloads on a loop author's
loop (python/workloads.py): the module is found in ASYNCSPEC_CALLER_DIR, the
figures come out under the implementation name given, and a factory that
cannot be loaded is a usage error (exit 2) naming it."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOADS = os.path.join(HERE, "python", "workloads.py")

COUNTING_LOOP = '''
import asyncio
import os


def new_loop():
    with open(os.path.join(os.path.dirname(__file__), "made"), "a") as f:
        f.write("loop\\n")
    return asyncio.new_event_loop()
'''


class LoopFactoryTest(unittest.TestCase):
    def run_workloads(self, caller_dir, *argv):
        env = dict(os.environ, ASYNCSPEC_CALLER_DIR=caller_dir)
        return subprocess.run([sys.executable, WORKLOADS, *argv], capture_output=True, text=True, env=env,
                              cwd=HERE, timeout=120)

    def test_runs_on_the_factory_loop(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "authorloop.py"), "w") as f:
                f.write(COUNTING_LOOP)
            r = self.run_workloads(d, "--impl", "authorloop", "--loop-factory", "authorloop:new_loop", "--quick",
                                   "--filter", "^call_soon/")
            self.assertEqual(r.returncode, 0, r.stderr)
            runs = [b for b in json.loads(r.stdout)["benchmarks"] if b.get("run_type") == "iteration"]
            self.assertTrue(runs)
            self.assertTrue(all(b["run_name"] == "call_soon/authorloop" for b in runs), runs)
            self.assertTrue(all(b["ns_per_op"] > 0 for b in runs), runs)
            with open(os.path.join(d, "made")) as f:  # the factory made the loops
                self.assertGreaterEqual(len(f.read().split()), 1)

    def test_bad_factory_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as d:
            for spec, why in (("nosuchmodule:f", "ModuleNotFoundError"), ("os:nosuchattr", "AttributeError"),
                              ("no-colon", "MODULE:CALLABLE")):
                r = self.run_workloads(d, "--impl", "x", "--loop-factory", spec, "--quick", "--filter", "^call_soon/")
                self.assertEqual(r.returncode, 2, (spec, r.stderr))
                self.assertIn(why, r.stderr, spec)


if __name__ == "__main__":
    unittest.main()
