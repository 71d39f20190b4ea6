"""Expectation files: a whole run's evaluation and the parser's errors (the
verdicts per kind and status, shared with the C++ side, are spec/vectors,
test_vectors.py)."""

import unittest

from asyncspec.check import expectations as ex

TEXT = '''
implementation = "demo"

[[failure]]
id = "a.mismatch"
kind = "TRACE_MISMATCH"
reason = "known ordering difference"

[[failure]]
id = "a.crash"
kind = "CRASH"
reason = "raises in the loop"

[[failure]]
id = "a.any"
kind = "FAIL"
reason = "fails somehow"

[[failure]]
id = "a.fixed"
kind = "HANG"
reason = "used to hang"

[[failure]]
id = "a.gone"
kind = "FAIL"
reason = "scenario was deleted"

[[failure]]
id = "a.skipped"
kind = "FAIL"
reason = "now skipped"

[[failure]]
id = "a.flaky"
kind = "TRACE_MISMATCH"
reason = "timing"
flaky = true

[[failure]]
id = "a.filtered-out"
kind = "FAIL"
reason = "not run this time"
'''


class ExpectationsTest(unittest.TestCase):
    def setUp(self):
        self.exp = ex.parse(TEXT, "demo.toml")

    def evaluate(self, statuses):
        suite = set(statuses) | {"a.filtered-out"}
        return ex.evaluate(self.exp, statuses, suite).by_id()

    def test_verdicts(self):
        out = self.evaluate({
            "a.mismatch": "fail", "a.crash": "hang", "a.any": "crash", "a.fixed": "pass",
            "a.skipped": "skip", "a.flaky": "pass", "b.new": "fail", "b.ok": "pass", "b.skip": "skip",
        })
        self.assertEqual(out["a.mismatch"].verdict, "expected-failure")
        self.assertEqual(out["a.crash"].verdict, "kind-changed")
        self.assertEqual(out["a.any"].verdict, "expected-failure")
        self.assertEqual(out["a.fixed"].verdict, "unexpected-pass")
        self.assertEqual(out["a.skipped"].verdict, "stale")
        self.assertEqual(out["a.gone"].verdict, "stale")
        self.assertEqual(out["a.flaky"].verdict, "ok")
        self.assertEqual(out["b.new"].verdict, "new-failure")
        self.assertEqual(out["b.ok"].verdict, "ok")
        self.assertEqual(out["b.skip"].verdict, "ok")
        self.assertNotIn("a.filtered-out", out)

    def test_red_and_green(self):
        ev = ex.evaluate(self.exp, {"a.mismatch": "fail"}, {"a.mismatch", "a.crash", "a.any", "a.fixed",
                                                            "a.gone", "a.skipped", "a.flaky", "a.filtered-out"})
        self.assertEqual(ev.red, [o for o in ev.outcomes if o.id == "a.gone"])
        ev = ex.evaluate(ex.parse("", "empty.toml"), {"x": "pass", "y": "skip"}, {"x", "y"})
        self.assertEqual(ev.red, [])
        ev = ex.evaluate(None, {"x": "hang"}, {"x"})
        self.assertEqual([o.verdict for o in ev.red], ["new-failure"])
        ev = ex.evaluate(None, {"x": "error"}, {"x"})      # a runner's own error is a failure too
        self.assertEqual([o.verdict for o in ev.red], ["new-failure"])

    def test_errors_name_file_and_line(self):
        cases = [
            ('[[failure]]\nid = "s"\nkind = "BROKEN"\nreason = "r"\n', 1, "kind"),
            ('[[failure]]\nid = "s"\nkind = "FAIL"\nreason = "r"\n\n[[failure]]\nid = "s"\nkind = "FAIL"\nreason = "r"\n', 6, "duplicate"),
            ('[[failure]]\nid = "s"\nkind = "FAIL"\n', 1, "reason"),
            ('[[failure]]\nid = "s"\nkind = "FAIL"\nreason = "r"\nwhy = 1\n', 5, "unknown"),
            ('[[failure]\n', 1, "bad TOML"),
            ('oops = 1\n', 1, "unknown"),
        ]
        for text, line, word in cases:
            with self.assertRaises(ex.ExpectationsError, msg=text) as cm:
                ex.parse(text, "f.toml")
            self.assertEqual(cm.exception.line, line, text)
            self.assertIn(word, str(cm.exception))
            self.assertTrue(str(cm.exception).startswith(f"f.toml:{line}: "))


if __name__ == "__main__":
    unittest.main()
