"""JSON and JUnit reports of a check run."""

import json
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from asyncspec.check import expectations
from asyncspec.check import reports

RUN_INFO = {"implementation": "demo", "version": "3.11.2", "profile": "3.11", "suite_version": "0.1.0",
            "time": "2026-01-01T00:00:00+00:00", "mode": "real"}
RESULTS = [
    {"id": "a.pass", "area": "a", "file": "a/pass.py", "clauses": ["a.x"], "features": [], "status": "pass", "seconds": 0.1},
    {"id": "a.fail", "area": "a", "file": "a/fail.py", "clauses": ["a.x", "a.y"], "features": [], "status": "fail",
     "divergence": {"index": 1, "kind": "value", "expected": {"t": 0, "v": ["x"]}, "actual": {"t": 0, "v": ["y"]},
                    "message": "different event", "line": 7}},
    {"id": "b.skip", "area": "b", "file": "b/skip.py", "clauses": ["b.z"], "features": ["threads"], "status": "skip",
     "skip_reason": "unsupported feature(s): threads"},
    {"id": "b.hang", "area": "b", "file": "b/hang.py", "clauses": ["b.z"], "features": [], "status": "hang", "error": "timeout"},
    {"id": "b.crash", "area": "b", "file": "b/crash.py", "clauses": ["b.z"], "features": [], "status": "crash", "error": "boom"},
    {"id": "b.error", "area": "b", "file": "b/error.py", "clauses": ["b.z"], "features": [], "status": "error",
     "error": "cannot render", "loop_errors": ["Task exception was never retrieved"]},
    {"id": "c.broken", "area": "c", "file": "c/broken.py", "clauses": [], "features": [], "status": "spec-error",
     "error": "c/broken.py:3: syntax error"},
]


class ReportsTest(unittest.TestCase):
    def test_summary_and_json(self):
        self.assertEqual(reports.summary(RESULTS),
                         {"total": 7, "pass": 1, "fail": 1, "skip": 1, "hang": 1, "crash": 1, "error": 1,
                          "spec-error": 1})
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "r.json"
            reports.write_json(p, RUN_INFO, RESULTS)
            doc = json.loads(p.read_text())
        self.assertEqual(set(doc), {"run_info", "summary", "scenarios"})
        for key in ("implementation", "version", "profile", "suite_version", "time"):
            self.assertIn(key, doc["run_info"])
        self.assertEqual(doc["scenarios"][1]["divergence"]["line"], 7)

    def test_junit(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "r.xml"
            reports.write_junit(p, RUN_INFO, RESULTS)
            root = ET.parse(p).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual((root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")),
                         ("7", "1", "4", "1"))
        names = [c.get("name") for c in root.iter("testcase")]
        self.assertEqual(sorted(names), sorted(r["id"] for r in RESULTS))
        cases = {c.get("name"): c for c in root.iter("testcase")}
        self.assertEqual(cases["b.error"].find("error").get("type"), "ERROR")
        self.assertIn("never retrieved", cases["b.error"].find("system-err").text)
        self.assertEqual(cases["c.broken"].find("error").get("type"), "SPEC_ERROR")

    def test_junit_with_expectations(self):
        exp = expectations.parse('[[failure]]\nid = "a.fail"\nkind = "TRACE_MISMATCH"\nreason = "known"\n'
                                 '[[failure]]\nid = "a.pass"\nkind = "FAIL"\nreason = "was broken"\n')
        ev = expectations.evaluate(exp, {r["id"]: r["status"] for r in RESULTS}, {r["id"] for r in RESULTS})
        root = reports.to_junit(RUN_INFO, RESULTS, ev).getroot()
        cases = {c.get("name"): c for c in root.iter("testcase")}
        self.assertIsNotNone(cases["a.fail"].find("skipped"))            # expected failure
        self.assertEqual(cases["a.pass"].find("failure").get("type"), "UNEXPECTED_PASS")
        lines = []
        reports.terminal(dict(RUN_INFO), RESULTS, ev, out=lines.append)
        text = "\n".join(lines)
        self.assertIn("result: RED", text)
        self.assertIn("unexpected-pass", text)
        self.assertIn("per clause", text)

    def test_matrix(self):
        doc = reports.to_json(RUN_INFO, RESULTS)
        other = reports.to_json(dict(RUN_INFO, implementation="other"), [dict(r, status="pass") for r in RESULTS])
        text = reports.matrix_markdown([doc, other])
        self.assertIn("| demo | 3.11.2 | 3.11 | real | 7 | 1 | 1 | 1 | 1 | 1 | 1 | 1 |", text)
        self.assertIn("| `a.fail` | a.x, a.y | **FAIL** | pass |", text)
        self.assertIn("| b | 0 / 3 | 4 / 4 |", text)


if __name__ == "__main__":
    unittest.main()
