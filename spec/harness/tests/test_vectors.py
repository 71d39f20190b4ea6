"""The checker's rules on the Python side (matcher, expectation files,
scenario selection) against spec/vectors/, which the C++ conformance
self-tests run too (conformance/tests/test_vectors.cpp): one set of cases,
two implementations."""

import json
import unittest
from types import SimpleNamespace

from asyncspec import paths
from asyncspec.check import expectations as ex
from asyncspec.spec import expected
from asyncspec.spec.scenarios import Scenario
from asyncspec.trace import matcher

VECTORS = paths.SPEC_DIR / "vectors"


def load(name):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


class MatcherVectors(unittest.TestCase):
    def test_cases(self):
        cases = load("matcher.json")["cases"]
        self.assertGreaterEqual(len(cases), 30)
        for c in cases:
            with self.subTest(c["name"]):
                tol = c.get("time_tolerance")
                res = matcher.match(c["expected"], c["actual"], c["unordered"],
                                    None if tol is None else matcher.TimeTolerance(tol["abs"], tol["rel"]))
                self.assertEqual(res.ok, c["ok"], res.divergence and res.divergence.format())
                if res.ok:
                    continue
                d = c["divergence"]
                self.assertEqual((res.divergence.kind, res.divergence.index, res.divergence.line),
                                 (d["kind"], d["index"], d["line"]))
                text = res.divergence.format("s.py")
                for s in d.get("format_contains", []):
                    self.assertIn(s, text)


class ExpectationVectors(unittest.TestCase):
    def test_files(self):
        doc = load("expectations.json")
        self.assertEqual(sorted(ex.RED), doc["red_verdicts"])
        for f in doc["files"]:
            with self.subTest(f["name"]):
                if "error" in f:
                    with self.assertRaises(ex.ExpectationsError) as cm:
                        ex.parse(f["toml"], "bad.toml")
                    self.assertEqual(cm.exception.line, f["error"]["line"], str(cm.exception))
                    continue
                e = ex.parse(f["toml"], "demo.toml")
                if "implementation" in f:
                    self.assertEqual(e.implementation, f["implementation"])
                self.assertEqual({k: {"kind": v.kind, "line": v.line, "flaky": v.flaky, "reason": v.reason}
                                  for k, v in e.entries.items()}, f["entries"])
                for sid, status, verdict in f["verdicts"]:
                    got = ex.evaluate(e, {sid: status}, [sid]).by_id()[sid].verdict
                    self.assertEqual(got, verdict, (sid, status))
                stale = ex.evaluate(e, {}, f["stale"]["suite"])
                self.assertEqual(sorted(o.id for o in stale.outcomes if o.verdict == "stale"),
                                 f["stale"]["stale_ids"])


class SelectionVectors(unittest.TestCase):
    def test_traces(self):
        for c in load("selection.json")["traces"]:
            doc = {"id": "x.y", "traces": [{"versions": [v], "trace": [{"t": 0.0, "v": [v]}]}
                                           for v in c["recorded"]]}
            trace = expected.trace_for(doc, c["profile"])
            self.assertEqual(None if trace is None else trace[0]["v"][0], c["trace_of"], c)

    def test_applies(self):
        for c in load("selection.json")["applies"]:
            sc = SimpleNamespace(min_version=c["min_version"], max_version=c["max_version"])
            self.assertEqual(Scenario.applies_to(sc, c["profile"]), c["applies"], c)


if __name__ == "__main__":
    unittest.main()
