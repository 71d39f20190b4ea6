"""coverage --cpython: CPython's test_asyncio methods enumerated from source
and mapped, in spec/cpython/, to scenarios."""

import argparse
import contextlib
import io
import tempfile
import unittest
from pathlib import Path

from asyncspec import ConfigError, FileError, cli
from asyncspec.spec import cpython_yardstick as y

# A synthetic test module: a TestCase, a mixin run by two TestCases (C and
# Python variants), a helper class no TestCase uses, a class in an if block,
# a method defined twice and a non-test method.
SOURCE = '''
import unittest
from test.test_asyncio import utils as test_utils


class Helper:
    def test_not_a_test(self):
        pass


class BaseThingTests:
    def test_shared(self):
        pass

    async def test_shared_async(self):
        pass

    def helper(self):
        pass


class CThingTests(BaseThingTests, unittest.TestCase):
    def test_c_only(self):
        pass


class PyThingTests(BaseThingTests, test_utils.TestCase):
    pass


class OtherTests(unittest.IsolatedAsyncioTestCase):
    def test_twice(self):
        pass

    def test_twice(self):  # noqa: F811
        pass


if True:
    class PlatformTests(unittest.TestCase):
        def test_platform(self):
            pass
'''

TABLE = '''
# demo
"BaseThingTests.test_shared" = { scenarios = ["demo.one"] }
"BaseThingTests.test_shared_async" = { out_of_scope = "repr text" }
"CThingTests.test_c_only" = { uncovered = "context: something" }
"OtherTests.test_twice" = { scenarios = ["demo.one", "demo.two"] }

["PlatformTests.test_platform"]
uncovered = "errors: something else"
'''


def write(root, source=SOURCE, table=TABLE):
    tests, tables = root / "tests", root / "tables"
    tests.mkdir(exist_ok=True)
    tables.mkdir(exist_ok=True)
    (tests / "test_demo.py").write_text(source)
    (tables / "test_demo.toml").write_text(table)
    return tests, tables


class EnumerationTest(unittest.TestCase):
    def test_synthetic_module(self):
        ms = y.enumerate_source(SOURCE)
        self.assertEqual([m.key for m in ms], [
            "BaseThingTests.test_shared", "BaseThingTests.test_shared_async", "CThingTests.test_c_only",
            "OtherTests.test_twice", "PlatformTests.test_platform"])
        self.assertEqual(ms[0].concrete, ["CThingTests", "PyThingTests"])
        self.assertEqual(ms[2].concrete, [])

    def test_mixin_of_the_real_test_tasks(self):
        d = _tests_dir_or_skip(self)
        ms = y.enumerate_file(d / "test_tasks.py")
        keys = {m.key for m in ms}
        self.assertIn("BaseTaskTests.test_cancel", keys)
        self.assertNotIn("CTask_CFuture_Tests.test_cancel", keys)
        by_key = {m.key: m for m in ms}
        self.assertIn("CTask_CFuture_Tests", by_key["BaseTaskTests.test_cancel"].concrete)


class CheckTest(unittest.TestCase):
    def run_check(self, source=SOURCE, table=TABLE, ids=("demo.one", "demo.two")):
        with tempfile.TemporaryDirectory() as tmp:
            tests, tables = write(Path(tmp), source, table)
            return y.check(tests, tables, set(ids), test_files=("test_demo",))

    def test_counts(self):
        res = self.run_check()
        self.assertEqual(res.problems, [])
        (c,) = res.counts
        self.assertEqual((c.covered, c.out_of_scope, c.uncovered, c.in_scope), (2, 1, 2, 4))
        self.assertEqual(res.uncovered_themes, {"context": 1, "errors": 1})
        self.assertEqual(res.percent, 50.0)

    def test_method_missing_from_the_table(self):
        res = self.run_check(source=SOURCE + "\n\nclass NewTests(unittest.TestCase):\n    def test_new(self):\n        pass\n")
        self.assertEqual(len(res.problems), 1)
        self.assertIn("NewTests.test_new (test_demo.py:", res.problems[0])
        self.assertIn("is missing from the table", res.problems[0])

    def test_entry_naming_no_method(self):
        res = self.run_check(table='"OtherTests.test_gone" = { out_of_scope = "x" }' + TABLE)
        self.assertEqual(len(res.problems), 1)
        self.assertRegex(res.problems[0], r"test_demo\.toml:1: OtherTests\.test_gone is not a test method")

    def test_unknown_scenario(self):
        res = self.run_check(ids=("demo.one",))
        self.assertEqual(len(res.problems), 1)
        self.assertRegex(res.problems[0], r"test_demo\.toml:6: OtherTests\.test_twice: unknown scenario 'demo\.two'")

    def test_restricted_to_classes(self):
        res = self.run_check(table='meta = { classes = ["OtherTests"] }\n'
                                   '"OtherTests.test_twice" = { scenarios = ["demo.one"] }\n')
        self.assertEqual(res.problems, [])
        self.assertEqual(res.covered, 1)
        res = self.run_check(table='meta = { classes = ["NoSuchTests"] }\n')
        self.assertIn("meta classes names 'NoSuchTests'", res.problems[0])

    def test_malformed_tables(self):
        cases = [
            ('"A.test_x" = { scenarios = [\n', 1, "bad TOML"),
            ('\n"A.test_x" = { scenarios = ["a.b"], uncovered = "c: d" }\n', 2, "exactly one of"),
            ('"A.test_x" = { uncovered = "" }\n', 1, "one-line reason"),
            ('"A.test_x" = { scenarios = [] }\n', 1, "non-empty list"),
            ('"A.test_x" = { reason = "x" }\n', 1, "unknown field"),
            ('"not a key" = { out_of_scope = "x" }\n', 1, "Class.test_method"),
            ('\n\nmeta = { classes = [] }\n', 3, "classes"),
        ]
        for text, line, reason in cases:
            with self.subTest(text=text), tempfile.TemporaryDirectory() as tmp:
                f = Path(tmp) / "test_demo.toml"
                f.write_text(text)
                with self.assertRaises(FileError) as cm:
                    y.load_table(f)
                self.assertEqual(cm.exception.line, line)
                self.assertIn(reason, cm.exception.reason)
                self.assertTrue(str(cm.exception).startswith(f"{f}:{line}: "))

    def test_main_exit_codes_and_last_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            tests, tables = write(Path(tmp))
            (tests / "test_tasks.py").write_text("")      # what --tests-dir looks for
            args = argparse.Namespace(tests_dir=str(tests), cpython_tables=tables, verbose=False,
                                      cpython_test_files=("test_demo",), min_percent=None)
            # demo.one / demo.two are no scenarios of the real spec: red.
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(y.main(args), 1)
            self.assertEqual(out.getvalue().splitlines()[-1], "cpython tests: 2 covered of 4 in scope (50.0%)")
            self.assertIn("goal 90%: 2 more test(s) to cover", out.getvalue())
            (tables / "test_demo.toml").write_text('"X.test_y" = { bogus = 1 }\n')
            with self.assertRaises(ConfigError):
                y.main(args)
        # Through the CLI: a configuration error is exit 2.
        with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(cli.main(["coverage", "--cpython", "--tests-dir", tmp]), 2)
        self.assertIn("no test_tasks.py", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(cli.main(["coverage", "--min-percent", "5"]), 2)


def _tests_dir_or_skip(case):
    try:
        return y.find_tests_dir()
    except ConfigError as exc:
        case.skipTest(f"no CPython {y.VERSION} test_asyncio directory here ({exc})")


class RealTableTest(unittest.TestCase):
    """The checked-in tables against the CPython 3.13 tests and the scenarios."""

    def test_checked_in_tables(self):
        d = _tests_dir_or_skip(self)
        res = y.check(d)
        self.assertEqual(res.problems, [])
        self.assertEqual([c.name for c in res.counts], list(y.TEST_FILES))
        self.assertGreater(res.in_scope, 300)
        self.assertGreater(res.covered, 0)

    def test_cli_green_and_min_percent_gate(self):
        _tests_dir_or_skip(self)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(cli.main(["coverage", "--cpython"]), 0)
        last = out.getvalue().splitlines()[-1]
        self.assertRegex(last, r"^cpython tests: \d+ covered of \d+ in scope \(\d+\.\d%\)$")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(cli.main(["coverage", "--cpython", "--min-percent", "100.1"]), 1)


if __name__ == "__main__":
    unittest.main()
