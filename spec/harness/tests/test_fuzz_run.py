"""The differential tester's verdicts (asyncspec/fuzz/run.py)."""

import unittest

from asyncspec.fuzz import run as fuzz

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


if __name__ == "__main__":
    unittest.main()
