"""The matcher rejects wrong traces and accepts permutations only inside groups."""

import copy
import unittest

from asyncspec.trace import matcher


def ev(t, *values, line=None):
    e = {"t": t, "v": list(values)}
    if line is not None:
        e["line"] = line
    return e


END = {"t": 1.0, "end": "return", "value": None}

EXPECTED = [
    ev(0.0, "start", line=10),
    ev(0.0, "cb", "a", 1, line=11),
    ev(0.5, "woke", 0.5, line=12),
    ev(1.0, "cancelled", "x", line=13),
    ev(1.0, "cancelled", "y", line=13),
    ev(1.0, "cancelled", "z", line=13),
    ev(1.0, "after", line=14),
    END,
]
GROUPS = [["cancelled"]]


class MatcherTest(unittest.TestCase):
    def check_fails(self, actual, kind, index, groups=GROUPS, tol=None):
        res = matcher.match(EXPECTED, actual, groups, tol)
        self.assertFalse(res.ok, "a wrong trace was accepted")
        self.assertEqual(res.divergence.kind, kind, res.divergence.format())
        self.assertEqual(res.divergence.index, index, res.divergence.format())
        return res

    def test_identical(self):
        res = matcher.match(EXPECTED, copy.deepcopy(EXPECTED), GROUPS, None)
        self.assertTrue(res.ok)
        self.assertIsNone(res.divergence)

    def test_line_is_not_compared(self):
        actual = copy.deepcopy(EXPECTED)
        for e in actual:
            e.pop("line", None)
        actual[1]["line"] = 999
        self.assertTrue(matcher.match(EXPECTED, actual, GROUPS, None).ok)

    def test_wrong_order(self):
        actual = copy.deepcopy(EXPECTED)
        actual[0], actual[1] = actual[1], actual[0]
        res = self.check_fails(actual, "value", 0)
        self.assertEqual(res.divergence.line, 10)
        self.assertEqual(res.divergence.expected, EXPECTED[0])
        self.assertEqual(res.divergence.actual, EXPECTED[1])

    def test_wrong_value(self):
        actual = copy.deepcopy(EXPECTED)
        actual[1]["v"][2] = 2
        res = self.check_fails(actual, "value", 1)
        self.assertEqual(res.divergence.line, 11)
        self.assertIn("scenario line 11", res.divergence.format())

    def test_types_are_strict(self):
        for wrong in (True, 1.0, "1"):
            actual = copy.deepcopy(EXPECTED)
            actual[1]["v"][2] = wrong
            self.check_fails(actual, "value", 1)
        actual = copy.deepcopy(EXPECTED)
        actual[1]["v"] = ["cb", ["a"], 1]
        self.check_fails(actual, "value", 1)

    def test_tuple_is_not_list(self):
        exp = [ev(0.0, "x", {"tuple": [1, 2]})]
        self.assertFalse(matcher.match(exp, [ev(0.0, "x", [1, 2])]).ok)
        self.assertTrue(matcher.match(exp, [ev(0.0, "x", {"tuple": [1, 2]})]).ok)

    def test_missing_event(self):
        actual = copy.deepcopy(EXPECTED)
        del actual[2]
        self.check_fails(actual, "value", 2)
        self.check_fails(copy.deepcopy(EXPECTED)[:-1], "missing", len(EXPECTED) - 1)

    def test_missing_inside_group(self):
        actual = copy.deepcopy(EXPECTED)[:5]
        res = self.check_fails(actual, "missing", 5)
        self.assertIsNone(res.divergence.actual)

    def test_extra_event(self):
        actual = copy.deepcopy(EXPECTED) + [ev(1.0, "late")]
        res = self.check_fails(actual, "extra", len(EXPECTED))
        self.assertIsNone(res.divergence.expected)

    def test_extra_inside_group(self):
        actual = copy.deepcopy(EXPECTED)
        actual.insert(4, ev(1.0, "cancelled", "w"))
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, None).ok)

    def test_wrong_time(self):
        actual = copy.deepcopy(EXPECTED)
        actual[2]["t"] = 0.5 + 1e-6
        res = self.check_fails(actual, "time", 2)
        self.assertEqual(res.divergence.line, 12)

    def test_virtual_tolerance_is_1e_9(self):
        actual = copy.deepcopy(EXPECTED)
        actual[2]["t"] = 0.5 + 5e-10
        self.assertTrue(matcher.match(EXPECTED, actual, GROUPS, None).ok)
        actual[2]["t"] = 0.5 + 2e-9
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, None).ok)

    def test_real_time_tolerance(self):
        actual = copy.deepcopy(EXPECTED)
        actual[2]["t"] = 0.53
        actual[2]["v"][1] = 0.53  # float values get the same tolerance
        self.assertTrue(matcher.match(EXPECTED, actual, GROUPS, (0.05, 0.0)).ok)
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, (0.01, 0.0)).ok)
        # relative part: 0.01 + 10 % of 0.5 = 0.06 > 0.03
        self.assertTrue(matcher.match(EXPECTED, actual, GROUPS, matcher.TimeTolerance(0.01, 0.1)).ok)

    def test_permutation_inside_group_accepted(self):
        import itertools

        for perm in itertools.permutations(EXPECTED[3:6]):
            actual = copy.deepcopy(EXPECTED[:3]) + list(perm) + copy.deepcopy(EXPECTED[6:])
            self.assertTrue(matcher.match(EXPECTED, actual, GROUPS, None).ok, perm)

    def test_permutation_without_group_rejected(self):
        actual = copy.deepcopy(EXPECTED)
        actual[3], actual[4] = actual[4], actual[3]
        self.check_fails(actual, "value", 3, groups=[])

    def test_permutation_across_group_boundary_rejected(self):
        actual = copy.deepcopy(EXPECTED)
        actual[5], actual[6] = actual[6], actual[5]  # "after" moved into the group
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, None).ok)
        actual = copy.deepcopy(EXPECTED)
        actual[2], actual[3] = actual[3], actual[2]
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, None).ok)

    def test_other_group_does_not_allow(self):
        actual = copy.deepcopy(EXPECTED)
        actual[3], actual[4] = actual[4], actual[3]
        self.assertFalse(matcher.match(EXPECTED, actual, [["woke", "after"]], None).ok)

    def test_group_time_checked(self):
        actual = copy.deepcopy(EXPECTED)
        actual[3], actual[5] = actual[5], actual[3]
        actual[4]["t"] = 2.0
        self.assertFalse(matcher.match(EXPECTED, actual, GROUPS, None).ok)

    def test_separate_runs_are_separate(self):
        exp = [ev(0, "g", 1), ev(0, "g", 2), ev(0, "x"), ev(0, "g", 3), ev(0, "g", 4)]
        ok = [ev(0, "g", 2), ev(0, "g", 1), ev(0, "x"), ev(0, "g", 4), ev(0, "g", 3)]
        bad = [ev(0, "g", 3), ev(0, "g", 1), ev(0, "x"), ev(0, "g", 2), ev(0, "g", 4)]
        self.assertTrue(matcher.match(exp, ok, [["g"]]).ok)
        self.assertFalse(matcher.match(exp, bad, [["g"]]).ok)

    def test_multi_label_group(self):
        exp = [ev(0, "a"), ev(0, "b"), ev(0, "c")]
        act = [ev(0, "c"), ev(0, "a"), ev(0, "b")]
        self.assertTrue(matcher.match(exp, act, [["a", "b", "c"]]).ok)
        self.assertFalse(matcher.match(exp, act, [["a", "b"], ["c"]]).ok)

    def test_end_event_compared(self):
        actual = copy.deepcopy(EXPECTED)
        actual[-1] = {"t": 1.0, "end": "raise", "exc": {"exc": "Boom", "args": []}}
        self.check_fails(actual, "value", len(EXPECTED) - 1)
        actual[-1] = {"t": 1.0, "end": "return", "value": 0}
        self.check_fails(actual, "value", len(EXPECTED) - 1)

    def test_canonical_order(self):
        a = matcher.canonical_order(EXPECTED, GROUPS)
        b = list(EXPECTED)
        b[3], b[5] = b[5], b[3]
        self.assertEqual(a, matcher.canonical_order(b, GROUPS))
        self.assertEqual(matcher.canonical_order(b, []), b)

    def test_format(self):
        actual = copy.deepcopy(EXPECTED)
        actual[1]["v"][1] = "b"
        text = matcher.match(EXPECTED, actual, GROUPS).divergence.format("s.py")
        self.assertIn("event #1 (s.py:11)", text)
        self.assertIn('expected: t=0.0 log("cb", "a", 1)', text)
        self.assertIn('actual:   t=0.0 log("cb", "b", 1)', text)


if __name__ == "__main__":
    unittest.main()
