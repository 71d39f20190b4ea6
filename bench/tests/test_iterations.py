"""The C++ and Python workloads have the same shape: for every workload the
reference (bench_icount --iterations, virtual clock) takes exactly as many
loop iterations as CPython 3.13 (python/workloads.py --iterations).

Needs ASYNCSPEC_BENCH_ICOUNT (the bench_icount binary; ./asyncspec test sets
it) and a CPython 3.13 from pyenv; skipped otherwise."""

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "spec", "harness"))
from asyncspec.runtimes import pythons  # noqa: E402


def parse(text):
    return dict((name, int(count)) for name, count in (line.split() for line in text.splitlines() if line.strip()))


class IterationsTest(unittest.TestCase):
    def test_reference_matches_cpython_313(self):
        binary = os.environ.get("ASYNCSPEC_BENCH_ICOUNT")
        py313 = pythons.pyenv_python("3.13")
        if not binary or not os.path.exists(binary) or not py313:
            self.skipTest("needs ASYNCSPEC_BENCH_ICOUNT and a pyenv CPython 3.13")
        ref = parse(subprocess.run([binary, "--iterations"], capture_output=True, text=True, check=True).stdout)
        cpy = parse(subprocess.run([py313, os.path.join(HERE, "python", "workloads.py"), "--iterations"],
                                   capture_output=True, text=True, check=True).stdout)
        self.assertGreaterEqual(len(cpy), 15)
        self.assertEqual(ref, cpy)


if __name__ == "__main__":
    unittest.main()
