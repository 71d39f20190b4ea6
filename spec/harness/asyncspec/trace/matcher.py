"""Trace matching: expected (recorded from CPython) vs actual (any implementation).

    match(expected_trace, actual_trace, unordered_groups, time_tol) -> MatchResult

Rules (LANGUAGE.md, "Unordered groups"; HARNESS.md, "Matching"):
- Events are compared in order, exactly, except:
  * inside a declared unordered group: each maximal run of consecutive
    *expected* events whose labels (first logged value, a string) all belong
    to the same group may appear in any order in the actual trace at the same
    positions (compared as a multiset);
  * times ("t", and float values) are compared with a tolerance: absolute +
    relative (|e - a| <= abs + rel * |e|). Virtual time uses 1e-9 absolute.
- "line" (the scenario source line of the log() call, recorded by the oracle)
  is never compared: it is only reported to locate a divergence.
- Types are strict: True != 1, 1 != 1.0, a list is not a tuple.

The first divergence is reported as index, expected event, actual event, kind
(value | time | missing | extra) and the source line.
"""

import json
from dataclasses import dataclass, field

IGNORED_KEYS = ("line",)


@dataclass(frozen=True)
class TimeTolerance:
    abs: float = 1e-9
    rel: float = 0.0

    def ok(self, expected, actual):
        if isinstance(expected, bool) or isinstance(actual, bool):
            return False
        if not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
            return False
        return abs(expected - actual) <= self.abs + self.rel * abs(expected)

    def describe(self):
        return f"abs {self.abs:g}" + (f" + rel {self.rel:g}" if self.rel else "")


VIRTUAL = TimeTolerance(1e-9, 0.0)


def tolerance(time_tol):
    """Accept a TimeTolerance, a number (absolute), an (abs, rel) pair or None."""
    if time_tol is None:
        return VIRTUAL
    if isinstance(time_tol, TimeTolerance):
        return time_tol
    if isinstance(time_tol, (int, float)):
        return TimeTolerance(float(time_tol), 0.0)
    a, r = time_tol
    return TimeTolerance(float(a), float(r))


def format_event(event):
    if event is None:
        return "(none)"
    t = event.get("t")
    ts = f"t={t!r}" if t is not None else "t=?"
    if "end" in event:
        if event["end"] == "return":
            body = "end: return " + json.dumps(event.get("value"), sort_keys=True)
        else:
            body = f"end: {event['end']} " + json.dumps(event.get("exc"), sort_keys=True)
    elif "v" in event:
        body = "log(" + ", ".join(json.dumps(x, sort_keys=True) for x in event["v"]) + ")"
    else:
        body = json.dumps({k: v for k, v in event.items() if k not in ("t",) + IGNORED_KEYS}, sort_keys=True)
    return f"{ts} {body}"


@dataclass
class Divergence:
    index: int
    kind: str
    expected: dict = None
    actual: dict = None
    line: int = None
    message: str = ""
    group: list = None

    def as_dict(self):
        out = {"index": self.index, "kind": self.kind, "expected": self.expected,
               "actual": self.actual, "message": self.message}
        if self.line is not None:
            out["line"] = self.line
        if self.group is not None:
            out["group"] = self.group
        return out

    def format(self, file=None):
        where = f"event #{self.index}"
        if self.line is not None:
            where += f" ({file}:{self.line})" if file else f" (scenario line {self.line})"
        lines = [f"first divergence at {where}: {self.message}",
                 f"  expected: {format_event(self.expected)}",
                 f"  actual:   {format_event(self.actual)}"]
        if self.group:
            lines.append(f"  (inside an unordered group of labels {self.group})")
        return "\n".join(lines)


@dataclass
class MatchResult:
    ok: bool
    divergence: Divergence = None
    compared: int = 0
    notes: list = field(default_factory=list)

    def __bool__(self):
        return self.ok


def label_of(event):
    v = event.get("v") if isinstance(event, dict) else None
    if isinstance(v, list) and v and isinstance(v[0], str):
        return v[0]
    return None


def values_equal(e, a, tol):
    if isinstance(e, bool) or isinstance(a, bool):
        return type(e) is type(a) and e == a
    if isinstance(e, float) or isinstance(a, float):
        return type(e) is type(a) and (e == a or tol.ok(e, a))
    if type(e) is not type(a):
        return False
    if isinstance(e, list):
        return len(e) == len(a) and all(values_equal(x, y, tol) for x, y in zip(e, a))
    if isinstance(e, dict):
        return e.keys() == a.keys() and all(values_equal(e[k], a[k], tol) for k in e)
    return e == a


def compare_events(e, a, tol):
    """None when equal, else (kind, message)."""
    ek = {k: v for k, v in e.items() if k not in IGNORED_KEYS and k != "t"}
    ak = {k: v for k, v in a.items() if k not in IGNORED_KEYS and k != "t"}
    if not values_equal(ek, ak, tol):
        return "value", "different event"
    et, at = e.get("t"), a.get("t")
    if et is None and at is None:
        return None
    if et is None or at is None or not tol.ok(et, at):
        return "time", f"different time (tolerance {tol.describe()})"
    return None


def _segments(expected, groups):
    """Split expected into (start, end, group or None) runs."""
    group_of = {}
    for gi, g in enumerate(groups or ()):
        for lbl in g:
            group_of.setdefault(lbl, gi)
    out = []
    i, n = 0, len(expected)
    while i < n:
        gi = group_of.get(label_of(expected[i]))
        if gi is None:
            out.append((i, i + 1, None))
            i += 1
            continue
        j = i + 1
        while j < n and group_of.get(label_of(expected[j])) == gi:
            j += 1
        out.append((i, j, gi if j - i > 1 else None))
        i = j
    return out


def _max_matching(exp, act, tol):
    """Bipartite matching expected -> actual (Kuhn). Returns match list for exp."""
    adj = [[k for k, a in enumerate(act) if compare_events(e, a, tol) is None] for e in exp]
    owner = [None] * len(act)

    def augment(i, seen):
        for k in adj[i]:
            if k in seen:
                continue
            seen.add(k)
            if owner[k] is None or augment(owner[k], seen):
                owner[k] = i
                return True
        return False

    for i in range(len(exp)):
        augment(i, set())
    match = [None] * len(exp)
    for k, i in enumerate(owner):
        if i is not None:
            match[i] = k
    return match


def match(expected_trace, actual_trace, unordered_groups=(), time_tol=None):
    tol = tolerance(time_tol)
    expected = list(expected_trace)
    actual = list(actual_trace)
    groups = [list(g) for g in (unordered_groups or ())]

    def div(index, kind, message, group=None):
        e = expected[index] if index < len(expected) else None
        a = actual[index] if index < len(actual) else None
        line = e.get("line") if isinstance(e, dict) else None
        return MatchResult(False, Divergence(index, kind, e, a, line, message, group), compared=index)

    for start, end, gi in _segments(expected, groups):
        if gi is None:
            if start >= len(actual):
                return div(start, "missing", "the actual trace ends here")
            diff = compare_events(expected[start], actual[start], tol)
            if diff:
                return div(start, *diff)
            continue
        exp_seg = expected[start:end]
        act_seg = actual[start:end]
        m = _max_matching(exp_seg, act_seg, tol)
        if all(k is not None for k in m):
            continue
        if len(act_seg) < len(exp_seg):
            # Report the first expected event that the short tail cannot supply.
            first = next(i for i, k in enumerate(m) if k is None)
            if start + first >= len(actual):
                return div(len(actual), "missing", "the actual trace ends here", groups[gi])
        first = next(i for i, k in enumerate(m) if k is None)
        idx = start + first
        return div(idx, "value" if idx < len(actual) else "missing",
                   f"no actual event among #{start}..#{end - 1} matches this expected one "
                   f"(any order allowed there)", groups[gi])
    if len(actual) > len(expected):
        return div(len(expected), "extra", "the actual trace has more events")
    return MatchResult(True, None, compared=len(expected))


def exact_diff(expected_trace, actual_trace):
    """Unified diff of two traces, one event per line (line numbers included)."""
    import difflib

    a = [json.dumps(e, sort_keys=True) for e in expected_trace]
    b = [json.dumps(e, sort_keys=True) for e in actual_trace]
    return list(difflib.unified_diff(a, b, "expected", "actual", lineterm="", n=2))


def canonical_order(trace, unordered_groups=()):
    """The trace with every unordered run sorted (by canonical JSON, "line"
    included), so traces that differ only inside declared groups become
    identical: the recorder stores this form, which keeps recordings
    byte-identical when the oracle's own order inside a group varies."""
    out = list(trace)
    for start, end, gi in _segments(out, [list(g) for g in (unordered_groups or ())]):
        if gi is not None:
            out[start:end] = sorted(out[start:end], key=lambda e: json.dumps(e, sort_keys=True))
    return out
