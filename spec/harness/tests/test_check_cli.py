"""`check` and the other subcommands as an adopter's CI runs them: a green
must be trustworthy, every other outcome must say whose fault it is.

Exit codes: 0 green, 1 red (the implementation or the oracle differs),
2 usage, configuration or spec error.
"""

import concurrent.futures
import json
import os
import shutil
import sys
import tempfile
import textwrap
import time
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from asyncspec import cli
from asyncspec.spec import expected
from asyncspec import paths
from asyncspec import runtimes
from asyncspec.spec import scenarios
from tests import fakes


def runnable(n, profile="3.13"):
    """n scenarios that a fake runner can answer (recorded for `profile`, no threads)."""
    scs, _ = scenarios.load_all()
    out = []
    for sc in scs:
        if not sc.applies_to(profile) or "threads" in sc.features:
            continue
        doc = expected.load(expected.expected_path(sc.id))
        if expected.traces_by_version(doc).get(profile) is None:
            continue
        out.append(sc)
        if len(out) == n:
            break
    return out


def id_regex(scs):
    return "^(" + "|".join(s.id.replace(".", r"\.") for s in scs) + ")$"


def copy_scenarios(root, scs):
    for sc in scs:
        dst = Path(root) / sc.area / sc.path.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sc.path, dst)


BROKEN_SYNTAX = '''"""
id = "cancel.zz-broken-syntax"
clauses = ["cancel.message"]
features = []
description = "a scenario with a syntax error"
"""
import asyncio


async def main():
    log("x"
'''

CLASS_WITH_METHODS = '''"""
id = "cancel.zz-class-with-methods"
clauses = ["cancel.message"]
features = []
description = "valid Python, outside the scenario language"
"""
import asyncio


async def ticks():
    yield 1


async def main():
    async for x in ticks():
        log("tick", x)
'''


class LoopFactoryConfigTest(unittest.TestCase):
    """1. A loop factory that cannot give a loop is one configuration error (exit 2)."""

    def assert_config_error(self, proc, *needles):
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertNotIn("CRASH", proc.stdout + proc.stderr)
        self.assertNotIn("per area", proc.stdout)
        for n in needles:
            self.assertIn(n, proc.stderr)
        self.assertEqual(proc.stderr.count("error:"), 1, proc.stderr)

    def test_missing_module(self):
        proc = fakes.cli("check", "--loop-factory", "no_such_module_asyncspec:f", "-q")
        self.assert_config_error(proc, "no_such_module_asyncspec", "--loop-factory")

    def test_bad_attribute_callable_and_result(self):
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "asyncspec_test_loops.py").write_text("x = 1\ndef not_a_loop():\n    return [1]\n")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            for spec, needle in (("asyncspec_test_loops:missing", "no attribute 'missing'"),
                                 ("asyncspec_test_loops:x", "not callable"),
                                 ("asyncspec_test_loops:not_a_loop", "not an event loop")):
                with self.subTest(spec=spec):
                    proc = fakes.cli("check", "--loop-factory", spec, "-q", cwd=tmp, env=env)
                    self.assert_config_error(proc, needle)

    def test_module_in_current_directory_is_importable(self):
        sc = runnable(1, "3.11")[0]
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "asyncspec_test_loops.py").write_text(
                "import asyncio\n\ndef make():\n    return asyncio.new_event_loop()\n")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            proc = fakes.cli("check", "--loop-factory", "asyncspec_test_loops:make",
                             "--filter", id_regex([sc]), "-q", "--profile", "3.11", "--time-abs", "100",
                             cwd=tmp, env=env)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("pass 1", proc.stdout)


class ProfileTest(unittest.TestCase):
    """2. The profile of a loop-factory run is the version of the interpreter
    under test, and the report says why."""

    def other_python(self):
        mine = "%d.%d" % sys.version_info[:2]
        for v in ("3.13", "3.12", "3.11"):
            exe = runtimes.pyenv_python(v)
            if exe is not None and v != mine:
                return v, str(exe)
        self.skipTest("no Python of another version than the harness's")

    def test_profile_follows_python(self):
        version, exe = self.other_python()
        sc = runnable(1, version)[0]
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "r.json"
            proc = fakes.cli("check", "--loop-factory", "asyncio:new_event_loop", "--python", exe,
                             "--filter", id_regex([sc]), "-q", "--json", report, "--time-abs", "100")
            doc = fakes.read_json(report)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(doc["run_info"]["profile"], version)
        self.assertEqual(doc["run_info"]["profile_reason"], f"the version of {exe}")
        self.assertIn(f"profile {version} (the version of {exe})", proc.stdout)

    def test_profile_option_is_named(self):
        sc = runnable(1, "3.12")[0]
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features(), profile="3.12")
            proc = fakes.cli("check", "--impl-command", cmd, "--profile", "3.12", "--filter", id_regex([sc]), "-q")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("profile 3.12 (--profile)", proc.stdout)


class SpecErrorTest(unittest.TestCase):
    """3. and 5. A scenario the spec got wrong is a spec-error in every
    report, never the implementation's failure, and the run exits 2."""

    def run_with(self, broken_name, broken_source):
        good = runnable(2)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "scenarios"
            copy_scenarios(root, good)
            (root / "cancel").mkdir(exist_ok=True)
            (root / "cancel" / broken_name).write_text(broken_source)
            # Recorded as CPython runs it, so an implementation would be asked to run it.
            exp = Path(tmp) / "expected"
            shutil.copytree(paths.EXPECTED_DIR, exp)
            sid = "cancel." + broken_name[:-3]
            (exp / "cancel" / f"{sid}.json").write_text(json.dumps({"id": sid, "traces": [{
                "trace": [{"t": 0.0, "v": ["box", 1]}, {"t": 0.0, "end": "return", "value": None}],
                "versions": ["3.11", "3.12", "3.13"]}]}))
            cmd = fakes.make_runner(tmp, fakes.all_features())
            proc = fakes.cli("--scenarios", root, "--expected", exp, "check", "--impl-command", cmd, "-q",
                             "--json", Path(tmp) / "r.json", "--junit", Path(tmp) / "r.xml")
            doc = fakes.read_json(Path(tmp) / "r.json")
            junit = ET.parse(Path(tmp) / "r.xml").getroot()
        return proc, doc, junit

    def check_reports(self, proc, doc, junit, sid, reason):
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        by_id = {r["id"]: r for r in doc["scenarios"]}
        self.assertIn(sid, by_id)
        self.assertEqual(by_id[sid]["status"], "spec-error")
        self.assertIn(reason, by_id[sid]["error"])
        self.assertEqual(doc["summary"]["spec-error"], 1)
        self.assertEqual(doc["summary"]["pass"], 2)
        self.assertEqual(doc["summary"]["crash"], 0)
        cases = {c.get("name"): c for c in junit.iter("testcase")}
        self.assertEqual(cases[sid].find("error").get("type"), "SPEC_ERROR")
        self.assertIn(reason, cases[sid].find("error").get("message"))
        self.assertIn(f"SPEC-ERROR {sid}", proc.stdout)
        self.assertIn("spec-error 1", proc.stdout)

    def test_syntax_error(self):
        proc, doc, junit = self.run_with("zz-broken-syntax.py", BROKEN_SYNTAX)
        self.check_reports(proc, doc, junit, "cancel.zz-broken-syntax", "syntax error")
        self.assertIn("cancel/zz-broken-syntax.py:11", json.dumps(doc))

    def test_outside_the_language_through_a_runner(self):
        proc, doc, junit = self.run_with("zz-class-with-methods.py", CLASS_WITH_METHODS)
        self.check_reports(proc, doc, junit, "cancel.zz-class-with-methods", "yield is not allowed")
        self.assertNotIn("exactly one base", proc.stdout)
        self.assertNotIn("no IR", proc.stdout)


class ClauseFileTest(unittest.TestCase):
    """4. A malformed clause file stops every command that reads clauses: file:line: reason, exit 2."""

    def test_malformed_clause_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            clauses = Path(tmp) / "clauses"
            shutil.copytree(paths.CLAUSES_DIR, clauses)
            text = (clauses / "cancel.toml").read_text().split("\n")
            bad_line = len(text) + 1
            (clauses / "cancel.toml").write_text("\n".join(text) + "\n[[clause]\nid = 1\n")
            cmd = fakes.make_runner(tmp, fakes.all_features())
            sc = runnable(1)[0]
            out = Path(tmp) / "bundle.json"
            for argv in (("check", "--impl-command", cmd, "--filter", id_regex([sc]), "-q"),
                         ("bundle", "-o", out),
                         ("coverage",)):
                with self.subTest(command=argv[0]):
                    proc = fakes.cli("--clauses", clauses, *argv)
                    self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
                    self.assertRegex(proc.stderr, rf"cancel\.toml:{bad_line}: bad TOML")
                    self.assertNotIn("per area", proc.stdout)
            self.assertFalse(out.exists())


class RunnerProtocolTest(unittest.TestCase):
    """6. What a runner does wrong is reported as what it is."""

    def test_garbage_error_and_loop_errors(self):
        scs = runnable(4)
        ids = [s.id for s in scs]
        behaviours = {ids[0]: "garbage", ids[1]: "error", ids[2]: "loop-error"}
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features(), behaviours)
            proc = fakes.cli("check", "--impl-command", cmd, "--filter", id_regex(scs), "-q",
                             "--json", Path(tmp) / "r.json", "--junit", Path(tmp) / "r.xml")
            doc = fakes.read_json(Path(tmp) / "r.json")
            junit = ET.parse(Path(tmp) / "r.xml").getroot()
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        by_id = {r["id"]: r for r in doc["scenarios"]}
        garbage = by_id[ids[0]]
        self.assertEqual(garbage["status"], "crash")
        self.assertIn("non-JSON", garbage["error"])
        self.assertIn("Segmentation fault? no: this runner wrote debugging output", garbage["error"])
        self.assertNotIn("exit code 0", garbage["error"])
        self.assertEqual(by_id[ids[1]]["status"], "error")
        self.assertIn("cannot render a logged value", by_id[ids[1]]["error"])
        self.assertEqual(doc["summary"]["error"], 1)
        self.assertEqual(doc["summary"]["crash"], 1)
        self.assertEqual(by_id[ids[2]]["status"], "pass")
        self.assertEqual(by_id[ids[2]]["loop_errors"], ["Exception in callback boom() raised ZeroDivisionError"])
        self.assertEqual(by_id[ids[3]]["status"], "pass")
        self.assertNotIn("loop_errors", by_id[ids[3]])
        cases = {c.get("name"): c for c in junit.iter("testcase")}
        self.assertEqual(cases[ids[1]].find("error").get("type"), "ERROR")
        self.assertIn("boom()", cases[ids[2]].find("system-err").text)
        self.assertIn(f"ERROR {ids[1]}", proc.stdout)
        self.assertIn("boom()", proc.stdout)


class HangCostTest(unittest.TestCase):
    """7. A hung scenario costs one timeout, not two."""

    def test_one_hang_costs_one_timeout(self):
        scs = runnable(5)
        ids = [s.id for s in scs]
        timeout = 4.0
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features(), {ids[2]: "hang"})
            report = Path(tmp) / "r.json"
            t0 = time.monotonic()
            proc = fakes.cli("check", "--impl-command", cmd, "--filter", id_regex(scs), "-q", "-j", "1",
                             "--timeout", timeout, "--json", report)
            wall = time.monotonic() - t0
            doc = fakes.read_json(report)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        statuses = [r["status"] for r in doc["scenarios"]]
        self.assertEqual(statuses, ["pass", "pass", "hang", "pass", "pass"])
        self.assertGreaterEqual(wall, timeout)
        # One timeout plus start-up; two timeouts (a shard wait, then a re-run) would be >= 8 s.
        self.assertLess(wall, 2 * timeout - 0.5, f"a hang cost {wall:.1f} s with --timeout {timeout}")


class NothingSelectedTest(unittest.TestCase):
    """8. A selection that matches nothing is a usage error, not a green."""

    def test_filter_matches_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features())
            for argv in (("--filter", "no-such-scenario-anywhere"), ("--clause", "no-such-clause"),
                         ("--feature", "no-such-feature")):
                with self.subTest(argv=argv):
                    proc = fakes.cli("check", "--impl-command", cmd, *argv)
                    self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
                    self.assertIn("nothing matched", proc.stderr)
                    self.assertNotIn("total:", proc.stdout)

    def test_verify_filter_matches_nothing(self):
        proc = fakes.cli("verify", "--filter", "no-such-scenario-anywhere", "--no-install")
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("nothing matched", proc.stderr)


class ParallelRunsTest(unittest.TestCase):
    """9. Parallel runs in one checkout do not share a bundle file."""

    def test_parallel_runs(self):
        scs = runnable(2)
        # The runner notes its bundle, waits while the other runs start, and
        # fails if its bundle changed meanwhile (another run rewrote it).
        prelude = '''
            st = os.stat(bundle_path)
            with open(os.environ["ASYNCSPEC_TEST_LOG"], "a") as f:
                f.write(bundle_path + "\\n")
            time.sleep(1.5)
            st2 = os.stat(bundle_path)
            json.load(open(bundle_path))
            if (st.st_ino, st.st_mtime_ns, st.st_size) != (st2.st_ino, st2.st_mtime_ns, st2.st_size):
                sys.stderr.write("bundle rewritten while the runner ran\\n")
                sys.exit(3)
        '''
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features(), prelude=prelude)
            log = Path(tmp) / "bundles.log"
            env = dict(os.environ, ASYNCSPEC_TEST_LOG=str(log))
            with concurrent.futures.ThreadPoolExecutor(6) as pool:
                procs = list(pool.map(lambda _: fakes.cli("check", "--impl-command", cmd, "--filter", id_regex(scs),
                                                          "-q", "-j", "1", env=env), range(6)))
            bundles = [Path(p) for p in log.read_text().split()]
        for p in procs:
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(len(set(bundles)), len(bundles))        # one bundle per run
        self.assertFalse(any(b.exists() for b in bundles))         # removed after the run


class SelectionTest(unittest.TestCase):
    """10. CI selection: --shard, --list, --clause, --feature, --label."""

    def listing(self, *argv):
        proc = fakes.cli("check", "--list", *argv)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return json.loads(proc.stdout)["scenarios"]

    def test_list_and_shards(self):
        everything = self.listing()
        all_scs, _ = scenarios.load_all()
        self.assertEqual([s["id"] for s in everything], [s.id for s in all_scs])
        first = everything[0]
        self.assertEqual(set(first) >= {"id", "clauses", "features"}, True)
        shards = [self.listing("--shard", f"{k}/3") for k in (1, 2, 3)]
        ids = [s["id"] for shard in shards for s in shard]
        self.assertEqual(sorted(ids), sorted(s["id"] for s in everything))     # union, each once
        self.assertEqual(len(ids), len(set(ids)))
        self.assertTrue(all(abs(len(a) - len(b)) <= 1 for a in shards for b in shards))
        self.assertEqual(shards[1], self.listing("--shard", "2/3"))           # stable

    def test_bad_shard(self):
        for bad in ("0/3", "4/3", "1/0", "x"):
            with self.subTest(shard=bad):
                proc = fakes.cli("check", "--list", "--shard", bad)
                self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
                self.assertIn("--shard", proc.stderr)

    def test_clause_and_feature(self):
        listed = self.listing("--clause", "cancel.uncancel")
        self.assertTrue(listed)
        for s in listed:
            self.assertTrue(any(c == "cancel.uncancel" or c.startswith("cancel.uncancel.") for c in s["clauses"]), s)
        exact = self.listing("--clause", "cancel.message")
        self.assertTrue(all("cancel.message" in s["clauses"] for s in exact))
        threads = self.listing("--feature", "threads")
        self.assertTrue(threads and all("threads" in s["features"] for s in threads))
        both = self.listing("--feature", "threads", "--clause", "threads")
        self.assertTrue(set(s["id"] for s in both) <= set(s["id"] for s in threads))

    def test_label(self):
        scs = runnable(1)
        with tempfile.TemporaryDirectory() as tmp:
            cmd = fakes.make_runner(tmp, fakes.all_features())
            proc = fakes.cli("check", "--impl-command", cmd, "--filter", id_regex(scs), "-q", "--label", "nightly-asan",
                             "--json", Path(tmp) / "r.json", "--junit", Path(tmp) / "r.xml")
            doc = fakes.read_json(Path(tmp) / "r.json")
            junit = ET.parse(Path(tmp) / "r.xml").getroot()
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(doc["run_info"]["label"], "nightly-asan")
        self.assertIn("nightly-asan", junit.get("name"))
        self.assertIn("nightly-asan", proc.stdout)
        from asyncspec.check import reports
        self.assertIn("nightly-asan", reports.matrix_markdown([doc]))


class ExitCodeTest(unittest.TestCase):
    """11. 0 green, 1 red, 2 usage/configuration/spec error; documented in every --help."""

    def test_check_codes(self):
        scs = runnable(2)
        with tempfile.TemporaryDirectory() as tmp:
            green = fakes.make_runner(tmp, fakes.all_features(), name="green")
            red = fakes.make_runner(tmp, fakes.all_features(), {scs[0].id: "wrong"}, name="red")
            sel = ("--filter", id_regex(scs), "-q")
            self.assertEqual(fakes.cli("check", "--impl-command", green, *sel).returncode, 0)
            self.assertEqual(fakes.cli("check", "--impl-command", red, *sel).returncode, 1)
            self.assertEqual(fakes.cli("check", "--impl", "no-such-impl", *sel).returncode, 2)
            self.assertEqual(fakes.cli("check", "--impl-command", green, "--bogus").returncode, 2)
            self.assertEqual(fakes.cli("check", "--impl-command", f"{tmp}/does-not-exist", *sel).returncode, 2)
            exp = Path(tmp) / "bad.toml"
            exp.write_text("[[failure]\n")
            self.assertEqual(fakes.cli("check", "--impl-command", green, "--expectations", exp, *sel).returncode, 2)

    def test_verify_that_compared_nothing_fails(self):
        # No oracle for the requested version: nothing verified, not a pass.
        proc = fakes.cli("verify", "--versions", "3.99", "--no-install", "--filter", "sleep.")
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("checked nothing", proc.stderr)

    def test_other_commands_usage(self):
        self.assertEqual(fakes.cli("coverage", "--bogus").returncode, 2)
        self.assertEqual(fakes.cli("bundle", "--bogus").returncode, 2)
        self.assertEqual(fakes.cli("verify", "--bogus").returncode, 2)
        with tempfile.TemporaryDirectory() as tmp:
            proc = fakes.cli("--scenarios", Path(tmp) / "none", "verify", "--filter", "x", "--no-install")
            self.assertEqual(proc.returncode, 2)
            Path(tmp, "cancel").mkdir()
            Path(tmp, "cancel", "zz-broken-syntax.py").write_text(BROKEN_SYNTAX)
            proc = fakes.cli("--scenarios", tmp, "bundle", "-o", Path(tmp) / "b.json")
            self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
            self.assertIn("zz-broken-syntax.py:11", proc.stderr)

    def test_help_documents_exit_codes(self):
        parser = cli.build_parser()
        subs = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        for name, sub in subs.choices.items():
            with self.subTest(command=name):
                text = sub.format_help()
                self.assertIn("exit codes:", text)
                self.assertRegex(text, r"\b0\b.*\n.*\b1\b.*\n.*\b2\b")
        readme = (paths.REPO_DIR / "README.md").read_text()
        self.assertTrue("\n## Exit codes\n" in readme, "README.md has no section '## Exit codes'")


if __name__ == "__main__":
    unittest.main()
