"""The built-in implementations of `check --impl`: the pure-Python asyncio
CPythons (cpython-3.X-pure), Debian's own interpreter (cpython-system),
gbulb and PyPy (pypy3, Python 3.9: what it lacks is SKIP); and the expectation file spec/expectations/<impl>.toml a built-in
applies by default (an explicit --expectations wins).

Each test skips when its interpreter or loop is not installed here."""

import tempfile
import textwrap
import unittest
from pathlib import Path

from asyncspec import paths, runtimes
from asyncspec.check import checker
from asyncspec.runtimes import oracle
from asyncspec.runtimes.oracle import PURE_ASYNCIO_ENV, SKIP_MISSING_API_ENV
from tests import fakes

# Logs which Task and Future classes asyncio uses and which class the running
# task is an instance of ("asyncio.tasks": the pure-Python Task; "_asyncio":
# the C accelerator's).
WHICH_TASK = textwrap.dedent('''
    import asyncio

    async def main():
        me = asyncio.current_task()
        log(type(me).__module__, type(asyncio.get_running_loop().create_future()).__module__)
        log(asyncio.Task is asyncio.tasks._PyTask, asyncio.Future is asyncio.futures._PyFuture)
''')


def runtime_or_skip(test, name, **kw):
    try:
        return checker.resolve(name, install=False, log=None, **kw)
    except runtimes.RuntimeUnavailable as exc:
        test.skipTest(f"{name} unavailable here: {exc}")


def check_with_report(*argv):
    """`asyncspec check ARGV --json R` -> (the process, R's document)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r.json"
        proc = fakes.cli("check", *argv, "--json", report)
        return proc, fakes.read_json(report)


def run_source(runtime, source):
    """The oracle's response to `source` run as a scenario on `runtime` (its
    ready line's "asyncio" in response["ready_asyncio"])."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "which_task.py"
        path.write_text(source, encoding="utf-8")
        with runtimes.OracleProcess(runtime) as proc:
            res = proc.run({"file": str(path), "source": source, "mode": runtime.mode,
                            "loop_factory": runtime.loop_factory})
            res["ready_asyncio"] = proc.asyncio
    return res


class ResolveTest(unittest.TestCase):
    def test_pure_cpythons(self):
        for v in ("3.11", "3.12", "3.13"):
            with self.subTest(version=v):
                if runtimes.pyenv_python(v) is None:
                    continue
                rt = checker.resolve(f"cpython-{v}-pure")
                self.assertEqual((rt.name, rt.version, rt.kind, rt.mode),
                                 (f"cpython-{v}-pure", v, "cpython", "virtual"))
                self.assertEqual(rt.env, {PURE_ASYNCIO_ENV: "1"})
                self.assertEqual(rt.argv[0], str(runtimes.pyenv_python(v)))
                plain = checker.resolve(f"cpython-{v}")
                self.assertEqual(plain.env, {})
                self.assertEqual(plain.argv, rt.argv)

    def test_cpython_system(self):
        rt = runtime_or_skip(self, "cpython-system")
        self.assertEqual((rt.name, rt.kind, rt.mode), ("cpython-system", "cpython", "virtual"))
        self.assertEqual(rt.argv[0], "/usr/bin/python3")
        self.assertEqual(rt.version, runtimes.python_version_of("/usr/bin/python3"))
        self.assertEqual(rt.env, {})

    def test_gbulb(self):
        rt = runtime_or_skip(self, "gbulb")
        self.assertEqual((rt.name, rt.mode, rt.loop_factory), ("gbulb", "real", "gbulb:GLibEventLoop"))

    def test_pypy3(self):
        rt = runtime_or_skip(self, "pypy3")
        self.assertEqual((rt.name, rt.kind, rt.mode), ("pypy3", "pypy", "virtual"))
        self.assertEqual(rt.env, {SKIP_MISSING_API_ENV: "1"})
        python = runtimes.python_version_of(rt.argv[0])
        if python == "3.9":
            self.assertEqual(rt.version, "3.11")
            self.assertIn("older than every recorded profile", rt.profile_reason)
            # asked of the interpreter, not assumed
            self.assertTrue({"timeout", "taskgroup", "uncancel", "exception-groups", "barrier"} <= rt.unsupported)
            self.assertNotIn("gather", rt.unsupported)

    def test_every_name_is_listed(self):
        for name in ("cpython-3.11-pure", "cpython-3.12-pure", "cpython-3.13-pure", "cpython-system", "gbulb",
                     "pypy3"):
            self.assertIn(name, checker.IMPLEMENTATIONS)
        proc = fakes.cli("impls", timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for name in ("cpython-3.13-pure", "cpython-system", "gbulb"):
            self.assertIn(name + " ", proc.stdout)


class PureAsyncioTest(unittest.TestCase):
    """cpython-3.X-pure really runs asyncio.tasks._PyTask and
    asyncio.futures._PyFuture; cpython-3.X runs the C accelerator's."""

    def version(self):
        for v in ("3.13", "3.12", "3.11"):
            if runtimes.pyenv_python(v) is not None:
                return v
        self.skipTest("no pyenv CPython 3.11-3.13")

    def test_pure_runs_pytask(self):
        v = self.version()
        res = run_source(checker.resolve(f"cpython-{v}-pure"), WHICH_TASK)
        self.assertEqual(res["status"], "ok", res)
        self.assertEqual([e["v"] for e in res["trace"][:2]], [["asyncio.tasks", "asyncio.futures"], [True, True]])
        self.assertEqual((res["ready_asyncio"], res["asyncio"]), ("pure", "pure"))

    def test_plain_runs_the_accelerator(self):
        v = self.version()
        res = run_source(checker.resolve(f"cpython-{v}"), WHICH_TASK)
        self.assertEqual(res["status"], "ok", res)
        self.assertEqual([e["v"] for e in res["trace"][:2]], [["_asyncio", "_asyncio"], [False, False]])
        self.assertEqual(res["ready_asyncio"], "c")
        self.assertNotIn("asyncio", res)

    def test_report_says_pure(self):
        v = self.version()
        proc, doc = check_with_report("--impl", f"cpython-{v}-pure", "--filter", "^cancel\\.", "-q")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("tasks._PyTask", doc["run_info"]["asyncio"])
        self.assertIn("asyncio: pure-Python", proc.stdout)
        self.assertNotIn("expectations", doc["run_info"])


NEEDS_CANCELLING = textwrap.dedent('''
    import asyncio

    async def main():
        log("cancelling", asyncio.current_task().cancelling())
''')


class MissingApiTest(unittest.TestCase):
    """An interpreter older than the recorded profiles (pypy3) SKIPs, with the
    missing name, a scenario using an asyncio name or Task method it lacks."""

    def test_missing_api_in_process(self):
        self.assertIsNone(oracle.missing_api(NEEDS_CANCELLING))          # the harness's Python has it
        self.assertIsNone(oracle.missing_api("import asyncio\nasync def main(:\n"))   # unparsable: running says so
        why = oracle.missing_api("import asyncio\nfrom asyncio import nope\nasync def main():\n"
                                 "    asyncio.no_such_api()\n")
        self.assertIn("asyncio.no_such_api", why)
        self.assertIn("asyncio.nope", why)

    def test_pypy_skips_what_it_lacks(self):
        rt = runtime_or_skip(self, "pypy3")
        res = run_source(rt, NEEDS_CANCELLING)
        if hasattr(__import__("asyncio").Task, "cancelling") and res["status"] == "ok":
            self.skipTest("this pypy3's asyncio has Task.cancelling()")
        self.assertEqual(res["status"], "skip", res)
        self.assertIn("has no Task.cancelling()", res["skip_reason"])
        res = run_source(rt, WHICH_TASK)     # nothing missing: it runs
        self.assertEqual(res["status"], "ok", res)

    def test_off_elsewhere(self):
        v = next((v for v in ("3.13", "3.12", "3.11") if runtimes.pyenv_python(v)), None)
        if v is None:
            self.skipTest("no pyenv CPython 3.11-3.13")
        res = run_source(checker.resolve(f"cpython-{v}"), "import asyncio\nasync def main():\n    asyncio.no_such_api()\n")
        self.assertEqual(res["status"], "ok", res)           # a misspelt name fails the scenario, never skips it
        self.assertEqual(res["trace"][-1]["exc"], {"exc": "AttributeError"})


class DefaultExpectationsTest(unittest.TestCase):
    def test_which_file(self):
        exp = paths.EXPECTATIONS_DIR
        self.assertEqual(checker.default_expectations("reference"), paths.REFERENCE_EXPECTATIONS)
        for name in ("uvloop", "gbulb", "cpython-system", "micropython", "pypy3"):
            self.assertEqual(checker.default_expectations(name), exp / f"{name}.toml")
            self.assertTrue((exp / f"{name}.toml").is_file(), name)
        for name in ("cpython-3.13", "cpython-3.13-pure", "asyncio-real", "pyodide-3.14", "no-such-impl"):
            self.assertIsNone(checker.default_expectations(name))

    def test_cpython_system_green_by_default(self):
        runtime_or_skip(self, "cpython-system")
        proc, doc = check_with_report("--impl", "cpython-system", "--filter", "^timeout\\.", "-q")
        ri = doc["run_info"]
        self.assertEqual(Path(ri["expectations"]), paths.EXPECTATIONS_DIR / "cpython-system.toml")
        self.assertEqual(ri["expectations_reason"], "the default for --impl cpython-system")
        self.assertIn("(the default for --impl cpython-system)", proc.stdout)
        if ri["version"] != "3.11.2":
            self.skipTest(f"/usr/bin/python3 is {ri['version']}: the file is for Debian bookworm's 3.11.2")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(doc["expectations"]["counts"].get("expected-failure"), 7)

    def test_pypy3_green_by_default(self):
        rt = runtime_or_skip(self, "pypy3")
        if runtimes.python_version_of(rt.argv[0]) != "3.9":
            self.skipTest("spec/expectations/pypy3.toml is for PyPy's Python 3.9")
        proc = fakes.cli("check", "--impl", "pypy3", "--filter", "^semaphore\\.", "-q")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("expected-failure 3", proc.stdout)
        self.assertIn("(the default for --impl pypy3)", proc.stdout)

    def test_uvloop_default_and_explicit_wins(self):
        runtime_or_skip(self, "uvloop")
        # sleep.nan-delay: an expected failure of uvloop (uvloop.toml) that takes no time.
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "r.json"
            proc = fakes.cli("check", "--impl", "uvloop", "--filter", "^sleep\\.nan-delay$", "-q", "--json", report)
            doc = fakes.read_json(report)
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            self.assertEqual(Path(doc["run_info"]["expectations"]), paths.EXPECTATIONS_DIR / "uvloop.toml")
            self.assertEqual(doc["expectations"]["counts"], {"expected-failure": 1})
            self.assertIn("(the default for --impl uvloop)", proc.stdout)

            empty = Path(tmp) / "none.toml"
            empty.write_text('implementation = "uvloop"\n', encoding="utf-8")
            proc = fakes.cli("check", "--impl", "uvloop", "--filter", "^sleep\\.nan-delay$", "-q", "--json", report,
                             "--expectations", empty)
            doc = fakes.read_json(report)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertEqual(doc["run_info"]["expectations"], str(empty))
        self.assertEqual(doc["run_info"]["expectations_reason"], "--expectations")
        self.assertEqual(doc["expectations"]["counts"], {"new-failure": 1})

    def test_loop_factory_has_no_default(self):
        proc, doc = check_with_report("--loop-factory", "asyncio:new_event_loop", "--filter",
                                      "^sleep\\.zero-one-iteration$", "-q", "--time-abs", "100")
        self.assertIn(proc.returncode, (0, 1), proc.stdout + proc.stderr)
        self.assertNotIn("expectations", doc["run_info"])


if __name__ == "__main__":
    unittest.main()
