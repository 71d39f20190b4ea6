"""The reference's expectation file (conformance/expectations/reference.toml)
and what `check --impl-command ... --expectations` makes of it: green when
every scenario passes; red on a new failure, an unexpected pass, a stale entry.

The runner is a fake speaking the runner protocol that replays the recorded
3.13 traces (optionally garbling one), so the test needs no C++ build.
"""

import json
import subprocess
import tempfile
import textwrap
import unittest
from pathlib import Path

from asyncspec.check import expectations
from asyncspec import paths
from asyncspec.spec import scenarios
from tests import fakes

REFERENCE = paths.REFERENCE_EXPECTATIONS
AREA = "sleep"

class ReferenceExpectationsFileTest(unittest.TestCase):
    def test_empty_by_design(self):
        exp = expectations.load(REFERENCE)
        self.assertEqual(exp.implementation, "reference")
        self.assertEqual(exp.entries, {}, "the reference has no known failures: fix the reference instead")


class ExpectationsRedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        scs, _ = scenarios.load_all()
        cls.ids = sorted(s.id for s in scs if s.area == AREA and s.applies_to("3.13"))
        if len(cls.ids) < 2:
            raise unittest.SkipTest(f"not enough {AREA} scenarios")
        cls.features = sorted({f for s in scs for f in s.features})
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check(self, expectations_text, wrong=None):
        tmp = Path(self.tmp.name)
        command = fakes.make_runner(tmp, self.features, {wrong: "garbled"} if wrong else {}, name="fake-reference")
        exp = tmp / "exp.toml"
        exp.write_text(expectations_text)
        report = tmp / "report.json"
        proc = subprocess.run(
            [*paths.CLI, "check", "--impl-command", command,
             "--filter", f"^{AREA}\\.", "--expectations", str(exp), "--json", str(report), "-q", "-j", "1"],
            capture_output=True, text=True, timeout=300)
        doc = json.loads(report.read_text())
        verdicts = {p["id"]: p["verdict"] for p in doc["expectations"]["problems"]}
        return proc.returncode, verdicts, doc

    def test_reference_file_green_when_all_pass(self):
        code, verdicts, doc = self.check(REFERENCE.read_text())
        self.assertEqual(doc["summary"]["pass"], len(self.ids))
        self.assertEqual((code, verdicts), (0, {}))

    def test_new_failure_is_red(self):
        code, verdicts, _ = self.check(REFERENCE.read_text(), wrong=self.ids[0])
        self.assertEqual(code, 1)
        self.assertEqual(verdicts, {self.ids[0]: "new-failure"})

    def test_unexpected_pass_is_red(self):
        text = REFERENCE.read_text().replace("failure = []", "") + textwrap.dedent(f'''
            [[failure]]
            id = "{self.ids[1]}"
            kind = "TRACE_MISMATCH"
            reason = "a known failure that was fixed"
        ''')
        code, verdicts, _ = self.check(text)
        self.assertEqual(code, 1)
        self.assertEqual(verdicts, {self.ids[1]: "unexpected-pass"})

    def test_stale_entry_is_red(self):
        text = REFERENCE.read_text().replace("failure = []", "") + textwrap.dedent(f'''
            [[failure]]
            id = "{AREA}.no-such-scenario"
            kind = "FAIL"
            reason = "the scenario was renamed"
        ''')
        code, verdicts, _ = self.check(text)
        self.assertEqual(code, 1)
        self.assertEqual(verdicts, {f"{AREA}.no-such-scenario": "stale"})

    def test_expected_failure_is_green(self):
        text = REFERENCE.read_text().replace("failure = []", "") + textwrap.dedent(f'''
            [[failure]]
            id = "{self.ids[0]}"
            kind = "TRACE_MISMATCH"
            reason = "known"
        ''')
        code, verdicts, _ = self.check(text, wrong=self.ids[0])
        self.assertEqual((code, verdicts), (0, {}))


if __name__ == "__main__":
    unittest.main()
