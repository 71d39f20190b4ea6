"""The pytest plugin (asyncspec/pytest_plugin.py) from a checkout: pytest
run with spec/harness on its path and `-p asyncspec`, on loop modules written
into a temporary directory that pytest is started in (the module is found
there, not through PYTHONPATH). Real time, small selections (~10 s in all):
a LIFO call_soon loop goes red naming its clause, uvloop with its
expectation file is green, -k/-x/--junitxml work, bad configuration is a
usage error. The installed package and the full suite: test_install.py."""

import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from asyncspec import paths
from asyncspec.runtimes import pythons

STOCK_LOOP = '''import asyncio


def new_loop():
    return asyncio.new_event_loop()
'''

# A deliberately broken loop: call_soon (and so every task step) runs the
# newest handle first.
LIFO_LOOP = '''import asyncio
from asyncio import events


class LifoLoop(asyncio.SelectorEventLoop):
    def _call_soon(self, callback, args, context):
        handle = events.Handle(callback, args, self, context)
        self._ready.appendleft(handle)
        return handle


def new_loop():
    return LifoLoop()
'''

# The loop scenarios (fast: ~1 s in real time), among them the FIFO ones.
LOOP_SCENARIOS = r"^loop\."


def python_with(*modules):
    """An interpreter (>= 3.11) that imports every module, or None: the
    running one, else a system python3 (Debian's python3-pytest, python3-uvloop)."""
    for exe in [Path(sys.executable)] + pythons.system_pythons():
        try:
            if tuple(int(x) for x in pythons.python_version_of(exe).split(".")) < (3, 11):
                continue
        except pythons.RuntimeUnavailable:
            continue
        if all(pythons.has_module(exe, m) for m in modules):
            return exe
    return None


def summary_counts(output):
    """pytest's last line `3 failed, 12 passed, 1 xfailed in 1.2s` -> {"failed": 3, ...}."""
    lines = [ln for ln in output.splitlines() if re.search(r"\d+ \w+.* in [\d.]+s", ln)]
    if not lines:
        return {}
    return {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|skipped|xfailed|xpassed|deselected|errors?)",
                                             lines[-1])}


def junit_cases(path):
    """{test case name: "passed" | "failed" | "skipped" | "xfailed" | "error"} of a pytest JUnit file."""
    out = {}
    for tc in ET.parse(path).getroot().iter("testcase"):
        status = "passed"
        for child in tc:
            if child.tag in ("failure", "error"):
                status = "failed" if child.tag == "failure" else "error"
            elif child.tag == "skipped":
                status = "xfailed" if child.get("type") == "pytest.xfail" else "skipped"
        out[tc.get("name")] = status
    return out


class PluginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.python = python_with("pytest")
        if cls.python is None:
            raise AssertionError("no Python >= 3.11 with pytest (Debian: python3-pytest; ./asyncspec installs it)")
        cls.tmp = tempfile.TemporaryDirectory(prefix="asyncspec-plugin-")
        cls.dir = Path(cls.tmp.name)
        (cls.dir / "stockloop.py").write_text(STOCK_LOOP)
        (cls.dir / "lifoloop.py").write_text(LIFO_LOOP)
        (cls.dir / "badloop.py").write_text("import asyncio\n\ndef new_loop(:\n    pass\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def pytest(self, *args, python=None, cwd=None):
        """pytest in the temporary directory, the harness from this checkout."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTHONPATH")}
        env["PYTHONPATH"] = str(paths.HARNESS_DIR)          # the package, not the loop module
        return subprocess.run([str(python or self.python), "-m", "pytest", "-p", "asyncspec", "-p", "no:cacheprovider",
                               *args], cwd=cwd or self.dir, env=env, capture_output=True, text=True, timeout=300)

    def test_lifo_loop_is_red_naming_the_clause(self):
        junit = self.dir / "lifo.xml"
        r = self.pytest("--asyncspec-loop-factory=lifoloop:new_loop", f"--asyncspec-filter={LOOP_SCENARIOS}",
                        f"--junitxml={junit}")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        cases = junit_cases(junit)
        self.assertGreaterEqual(len(cases), 10)
        self.assertTrue(all(name.startswith("loop.") for name in cases), cases)
        self.assertEqual(cases["loop.call-soon-fifo"], "failed")
        counts = summary_counts(r.stdout)
        self.assertEqual(counts.get("failed"), sum(1 for s in cases.values() if s == "failed"), r.stdout)
        self.assertGreaterEqual(counts.get("failed", 0), 3)
        self.assertIn("clause loop.call-soon.fifo (MUST):", r.stdout)
        self.assertRegex(r.stdout, r"first divergence at event #\d+ \(spec/scenarios/loop/call-soon-fifo\.py:\d+\)")
        self.assertRegex(r.stdout, r"expected: t=0\.0 log\(")
        # JUnit: the clauses are properties of the test case.
        tc = next(t for t in ET.parse(junit).getroot().iter("testcase") if t.get("name") == "loop.call-soon-fifo")
        props = {(p.get("name"), p.get("value")) for p in tc.iter("property")}
        self.assertIn(("clause", "loop.call-soon.fifo"), props)

    def test_k_and_x(self):
        # -k matches clause ids too; -x stops at the first failure.
        r = self.pytest("--asyncspec-loop-factory=lifoloop:new_loop", f"--asyncspec-filter={LOOP_SCENARIOS}",
                        "-k", "loop.call-soon.fifo", "-x")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        counts = summary_counts(r.stdout)
        self.assertEqual(counts.get("failed"), 1, r.stdout)
        self.assertGreater(counts.get("deselected", 0), 5, r.stdout)
        r = self.pytest("--asyncspec-loop-factory=stockloop:new_loop", f"--asyncspec-filter={LOOP_SCENARIOS}",
                        "-k", "call-soon-fifo", "--co", "-q")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([ln for ln in r.stdout.splitlines() if ln.startswith("loop.")], ["loop.call-soon-fifo"])

    def test_stock_loop_green_and_expectations_strict(self):
        r = self.pytest("--asyncspec-loop-factory=stockloop:new_loop", f"--asyncspec-filter={LOOP_SCENARIOS}")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        counts = summary_counts(r.stdout)
        self.assertGreaterEqual(counts.get("passed", 0), 10, r.stdout)
        self.assertNotIn("failed", counts)
        # An entry for a scenario that passes: an unexpected pass fails the
        # item; an entry naming no scenario fails the `stale` item.
        exp = self.dir / "strict.toml"
        exp.write_text('[[failure]]\nid = "loop.call-soon-fifo"\nkind = "TRACE_MISMATCH"\nreason = "r"\n\n'
                       '[[failure]]\nid = "loop.no-such-scenario"\nkind = "FAIL"\nreason = "r"\n')
        r = self.pytest("--asyncspec-loop-factory=stockloop:new_loop", "--asyncspec-filter=loop.call-soon-fifo",
                        f"--asyncspec-expectations={exp}")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(summary_counts(r.stdout).get("failed"), 2, r.stdout)
        self.assertIn("unexpected-pass: passes, but expected TRACE_MISMATCH (line 1): remove the entry", r.stdout)
        self.assertIn("stale: loop.no-such-scenario: entry (line 6) names no scenario of the suite", r.stdout)

    def test_uvloop_with_its_expectations_is_green(self):
        python = python_with("pytest", "uvloop")
        if python is None:
            pythons.uvloop_python(install=True)      # apt-get install python3-uvloop when root
            python = python_with("pytest", "uvloop")
        self.assertIsNotNone(python, "no Python with pytest and uvloop (Debian: python3-pytest python3-uvloop)")
        exp = paths.EXPECTATIONS_DIR / "uvloop.toml"
        r = self.pytest("--asyncspec-loop-factory=uvloop:new_event_loop", f"--asyncspec-filter={LOOP_SCENARIOS}",
                        f"--asyncspec-expectations={exp}", "-rxX", python=python)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        counts = summary_counts(r.stdout)
        # uvloop runs due timers before ready handles: 3 known loop failures,
        # and 2 flaky entries (its millisecond clock) that xfail or xpass.
        self.assertNotIn("failed", counts, r.stdout)
        self.assertGreaterEqual(counts.get("xfailed", 0), 3, r.stdout)
        self.assertEqual(counts.get("xfailed", 0) + counts.get("xpassed", 0), 5, r.stdout)
        self.assertIn("uvloop runs call_later(0) before call_soon callbacks queued earlier", r.stdout)

    def test_loop_in_another_python(self):
        # --asyncspec-python: the loop runs in that interpreter (the one
        # running the harness here), whose version is the profile.
        other = Path(sys.executable)
        r = self.pytest("--asyncspec-loop-factory=lifoloop:new_loop", f"--asyncspec-python={other}",
                        "--asyncspec-filter=loop.call-soon-fifo")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"on {other}, profile {pythons.python_version_of(other)} (the version of {other})", r.stdout)
        self.assertEqual(summary_counts(r.stdout), {"failed": 1}, r.stdout)

    def test_bad_configuration_is_a_usage_error(self):
        cases = [
            (["--asyncspec-loop-factory=badloop:new_loop"], ["cannot import module 'badloop'", "badloop.py, line 3"]),
            (["--asyncspec-loop-factory=nosuchloop:new_loop"], ["cannot import module 'nosuchloop'"]),
            (["--asyncspec-loop-factory=stockloop:nope"], ["module 'stockloop' has no attribute 'nope'"]),
            (["--asyncspec-loop-factory=stockloop:new_loop", "--asyncspec-expectations=missing.toml"],
             ["missing.toml: cannot read the expectation file"]),
            (["--asyncspec-loop-factory=stockloop:new_loop", "--asyncspec-filter=no-such-scenario"],
             ["nothing matched --asyncspec-filter no-such-scenario"]),
            (["--asyncspec-filter=loop"], ["--asyncspec-filter needs --asyncspec-loop-factory"]),
        ]
        (self.dir / "malformed.toml").write_text('[[failure]]\nid = "x"\nkind = "WRONG"\nreason = "r"\n')
        cases.append((["--asyncspec-loop-factory=stockloop:new_loop", "--asyncspec-expectations=malformed.toml"],
                      ["malformed.toml:1: kind must be one of"]))
        for args, needles in cases:
            with self.subTest(args=args):
                r = self.pytest(*args)
                self.assertEqual(r.returncode, 4, r.stdout + r.stderr)      # pytest's usage error
                for n in needles:
                    self.assertIn(n, r.stderr)

    def test_inert_without_the_option(self):
        with tempfile.TemporaryDirectory(prefix="asyncspec-own-") as own:   # a project's own tests only
            (Path(own) / "test_own.py").write_text("def test_own():\n    assert True\n")
            r = self.pytest(cwd=own)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(summary_counts(r.stdout), {"passed": 1}, r.stdout)


class VersionTest(unittest.TestCase):
    def test_version_names_spec_and_cpython_versions(self):
        r = subprocess.run([*paths.CLI, "--version"], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        from asyncspec import SUITE_VERSION

        self.assertIn(f"asyncspec {SUITE_VERSION} (spec {SUITE_VERSION}; expected traces recorded with CPython 3.11.",
                      r.stdout)
        for minor in ("3.12.", "3.13.", "3.14."):
            self.assertIn(minor, r.stdout)
        self.assertIn("a checkout", r.stdout)


if __name__ == "__main__":
    unittest.main()
