"""The matcher's Python-only API (canonical_order); its matching rules are
spec/vectors/matcher.json, run by test_vectors.py."""

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
    # The matching rules are spec/vectors/matcher.json (test_vectors.py, shared
    # with the C++ matcher); what is Python-only stays here.

    def test_canonical_order(self):
        a = matcher.canonical_order(EXPECTED, GROUPS)
        b = list(EXPECTED)
        b[3], b[5] = b[5], b[3]
        self.assertEqual(a, matcher.canonical_order(b, GROUPS))
        self.assertEqual(matcher.canonical_order(b, []), b)


if __name__ == "__main__":
    unittest.main()
