"""The differential tester's verdicts (asyncspec/fuzz/run.py)."""

import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

from asyncspec import ConfigError, paths, runtimes
from asyncspec.fuzz import run as fuzz

from . import fakes

A = {"t": 0.0, "v": ["a"], "line": 3}
B = {"t": 0.0, "v": ["b"], "line": 4}
ORACLE_DEADLOCK = "deadlock: nothing ready, no timer scheduled, no thread running"
RUNNER_DEADLOCK = "the loop has nothing to do and main is not done"


def hang(error, trace):
    return {"status": "hang", "error": error, "trace": trace}


class CompareTest(unittest.TestCase):
    def test_both_deadlocked_same_events(self):
        verdict, _ = fuzz.compare(hang(ORACLE_DEADLOCK, [A, B]), hang(RUNNER_DEADLOCK, [A, B]))
        self.assertEqual(verdict, "ok")

    def test_both_deadlocked_different_events_diverge(self):
        verdict, detail = fuzz.compare(hang(ORACLE_DEADLOCK, [A, B]), hang(RUNNER_DEADLOCK, [A]))
        self.assertEqual(verdict, "divergence")
        self.assertEqual(detail["kind"], "missing")

    def test_step_limits_compare_status_only(self):
        # Limits stop the two sides at different points of an endless program.
        verdict, _ = fuzz.compare(hang("more than 100000 loop iterations", [A, B]),
                                  hang("step limit reached (loop iterations)", [A]))
        self.assertEqual(verdict, "ok")

    def test_cleanup_deadlock_after_the_same_trace(self):
        end = {"t": 0.0, "end": "return", "value": None}
        verdict, _ = fuzz.compare(hang(ORACLE_DEADLOCK, [A, end]), {"status": "ok", "trace": [A, end]})
        self.assertEqual(verdict, "cleanup_hang")
        verdict, _ = fuzz.compare(hang(ORACLE_DEADLOCK, [B, end]), {"status": "ok", "trace": [A, end]})
        self.assertEqual(verdict, "divergence")

    def test_deadlock_in_main_against_ok_diverges(self):
        verdict, detail = fuzz.compare(hang(ORACLE_DEADLOCK, [A]),
                                       {"status": "ok", "trace": [A, {"t": 0.0, "end": "return", "value": None}]})
        self.assertEqual(verdict, "divergence")
        self.assertEqual(detail["kind"], "status")


class ProfileTest(unittest.TestCase):
    """fuzz --profile: the runner must run in the profile, the oracle must be that Python."""

    def test_runner_without_the_profile_is_a_config_error(self):
        with tempfile.TemporaryDirectory() as d:
            cmd = fakes.make_runner(d, ["futures"], profile="3.13").split()
            self.assertEqual(fuzz.Runner(cmd, d).describe["profile"], "3.13")
            self.assertEqual(fuzz.Runner(cmd, d, "3.13").describe["profile"], "3.13")
            with self.assertRaisesRegex(ConfigError, "declares no profile 3.11"):
                fuzz.Runner(cmd, d, "3.11")

    def test_a_runner_that_cannot_start_is_a_config_error_not_crashes(self):
        # (a runner being rebuilt during a long run: waited for, then exit 2)
        from asyncspec.fuzz.generate import generate
        from asyncspec.fuzz.render import render
        from asyncspec.ir import compiler

        with tempfile.TemporaryDirectory() as d:
            runner = fuzz.Runner(fakes.make_runner(d, ["futures"]).split(), d)
            runner.runtime.argv = [str(Path(d) / "no-such-runner")]
            ir = compiler.compile_source(render(generate(1, ["futures"]), "fuzz.x"), "fuzz/x.py")
            saved, fuzz.RUNNER_WAIT = fuzz.RUNNER_WAIT, 0
            try:
                with self.assertRaisesRegex(runtimes.RuntimeUnavailable, "cannot run the runner"):
                    runner.collect([("x", ir)])
            finally:
                fuzz.RUNNER_WAIT = saved

    def test_python_of_another_version_is_a_config_error(self):
        mine = "%d.%d" % sys.version_info[:2]
        other = next(v for v in runtimes.ORACLE_VERSIONS if v != mine)
        with self.assertRaisesRegex(ConfigError, f"not {other}"):
            fuzz.oracle_runtime(other, sys.executable)
        if mine in runtimes.ORACLE_VERSIONS:
            self.assertEqual(fuzz.oracle_runtime(mine, sys.executable).version, mine)


RUNNER = os.environ.get(paths.REFERENCE_RUNNER_ENV)


@unittest.skipUnless(RUNNER and Path(RUNNER).exists() and runtimes.pyenv_python("3.12"),
                     "needs the reference's runner and a pyenv CPython 3.12")
class ProfileRunTest(unittest.TestCase):
    def test_reference_in_profile_3_12_against_cpython_3_12(self):
        with tempfile.TemporaryDirectory() as d:
            out = fakes.cli("fuzz", "--profile", "3.12", "--programs", "40", "--seed", "5", "--quiet",
                            "--runner", RUNNER, "--json", Path(d) / "r.json", "--out", d)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertIn("fuzz: profile 3.12: 40 programs", out.stdout)
            report = json.loads((Path(d) / "r.json").read_text())
        self.assertEqual(report["profile"], "3.12")
        self.assertEqual(report["runner"]["profile"], "3.12")
        self.assertTrue(report["oracle"].startswith("CPython 3.12."), report["oracle"])
        self.assertIn("queue_shutdown", report["not_in_version"])
        self.assertNotIn("queue_shutdown", report["constructs"])
        self.assertGreater(report["counts"]["ok"], 0)


if __name__ == "__main__":
    unittest.main()
