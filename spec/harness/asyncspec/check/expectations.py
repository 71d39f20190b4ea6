"""Expectation files: the known failures of one implementation.

    # spec/expectations/<impl>.toml
    implementation = "uvloop"          # optional, informational
    suite_version = "0.1.0"            # optional: the suite the list was made for

    [[failure]]
    id = "loop.call-later-zero-before-soon"
    kind = "TRACE_MISMATCH"            # FAIL | TRACE_MISMATCH | CRASH | HANG | ERROR
    reason = "uvloop runs call_later(0) before call_soon callbacks queued earlier"
    flaky = true                       # optional: a pass is not an unexpected pass

Kinds: TRACE_MISMATCH = the run finished with a different trace (status
fail); CRASH = the runtime misbehaved or died (status crash); HANG = watchdog
or wall-clock timeout (status hang); ERROR = the runtime could not run the
scenario (status error, its own verdict); FAIL = any of the four. A
spec-error is the spec's fault, never an implementation's: `check` does not
evaluate it.

evaluate() compares a run with the file. CI is red on:
- new-failure     a scenario failed that has no entry;
- kind-changed    it failed differently than its entry says (a test that
                  starts crashing where it used to mismatch is a new failure);
- unexpected-pass it passed although it has an entry (remove the entry);
- stale           the entry names no scenario of the suite, or a scenario
                  the implementation skips (a stale entry would silently
                  absorb the next regression).
Entries for scenarios not selected by the run (--filter) are ignored.

Used by `check` and, through the JSON results, by the C++ conformance runner.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import ConfigError, FileError, toml_error_at

KINDS = ("FAIL", "TRACE_MISMATCH", "CRASH", "HANG", "ERROR")
STATUS_KIND = {"fail": "TRACE_MISMATCH", "crash": "CRASH", "hang": "HANG", "error": "ERROR"}
FAILING = frozenset(STATUS_KIND)
RED = frozenset({"new-failure", "kind-changed", "unexpected-pass", "stale"})


class ExpectationsError(FileError):
    """A malformed expectation file."""


@dataclass
class Entry:
    id: str
    kind: str
    reason: str
    line: int = 0
    flaky: bool = False

    def covers(self, status):
        kind = STATUS_KIND.get(status)
        return kind is not None and (self.kind == "FAIL" or self.kind == kind)


@dataclass
class Expectations:
    file: str
    entries: dict = field(default_factory=dict)   # id -> Entry
    implementation: str = None
    suite_version: str = None


def _key_line(text, entry_line, key):
    """The line of `key = ...` in the entry starting at entry_line (the
    entry's line if it cannot be found)."""
    lines = text.splitlines()
    for n in range(entry_line, len(lines)):
        stripped = lines[n].strip()
        if stripped == "[[failure]]":
            break
        if stripped.split("=", 1)[0].strip() == key:
            return n + 1
    return entry_line


def parse(text, file="<expectations>"):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_at(exc)
        raise ExpectationsError(file, line, f"bad TOML: {reason}") from None
    unknown = set(data) - {"failure", "implementation", "suite_version"}
    if unknown:
        raise ExpectationsError(file, 1, f"unknown key(s): {', '.join(sorted(unknown))}")
    starts = [i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[failure]]"]
    out = Expectations(file=file, implementation=data.get("implementation"),
                       suite_version=data.get("suite_version"))
    failures = data.get("failure", [])
    if not isinstance(failures, list):
        raise ExpectationsError(file, 1, "'failure' must be an array of tables ([[failure]])")
    for n, item in enumerate(failures):
        line = starts[n] if n < len(starts) else 1
        extra = set(item) - {"id", "kind", "reason", "flaky"}
        if extra:
            first = sorted(extra)[0]
            raise ExpectationsError(file, _key_line(text, line, first), f"unknown key(s) {', '.join(sorted(extra))}")
        for key in ("id", "kind", "reason"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ExpectationsError(file, line, f"entry lacks {key!r} (every known failure needs id, kind, reason)")
        if item["kind"] not in KINDS:
            raise ExpectationsError(file, line, f"kind must be one of {', '.join(KINDS)}, not {item['kind']!r}")
        if not isinstance(item.get("flaky", False), bool):
            raise ExpectationsError(file, line, "'flaky' must be true or false")
        if item["id"] in out.entries:
            raise ExpectationsError(file, line, f"duplicate entry for {item['id']!r} (also line {out.entries[item['id']].line})")
        out.entries[item["id"]] = Entry(item["id"], item["kind"], item["reason"], line,
                                        item.get("flaky", False))
    return out


def load(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the expectation file: {exc}") from None
    return parse(text, str(path))


@dataclass
class Outcome:
    id: str
    status: str          # pass | fail | skip | hang | crash | error | None (entry only)
    verdict: str         # ok | expected-failure | new-failure | kind-changed | unexpected-pass | stale
    entry: Entry = None
    message: str = ""

    @property
    def red(self):
        return self.verdict in RED


@dataclass
class Evaluation:
    outcomes: list

    @property
    def red(self):
        return [o for o in self.outcomes if o.red]

    def counts(self):
        out = {}
        for o in self.outcomes:
            out[o.verdict] = out.get(o.verdict, 0) + 1
        return out

    def by_id(self):
        return {o.id: o for o in self.outcomes}


def evaluate(expectations, statuses, suite_ids):
    """statuses: {scenario id: status} of this run; suite_ids: every id of the
    suite (to tell a stale entry from one filtered out of this run)."""
    entries = expectations.entries if expectations else {}
    outcomes = []
    for sid, status in statuses.items():
        entry = entries.get(sid)
        if entry is None:
            if status in FAILING:
                outcomes.append(Outcome(sid, status, "new-failure", None,
                                        f"new failure ({STATUS_KIND[status]}) not in the expectations"))
            else:
                outcomes.append(Outcome(sid, status, "ok"))
        elif status == "pass" and entry.flaky:
            outcomes.append(Outcome(sid, status, "ok", entry, "passed (entry is flaky)"))
        elif status == "pass":
            outcomes.append(Outcome(sid, status, "unexpected-pass", entry,
                                    f"passes, but expected {entry.kind} (line {entry.line}): remove the entry"))
        elif status == "skip":
            outcomes.append(Outcome(sid, status, "stale", entry,
                                    f"entry (line {entry.line}) for a scenario this implementation skips"))
        elif entry.covers(status):
            outcomes.append(Outcome(sid, status, "expected-failure", entry, entry.reason))
        else:
            outcomes.append(Outcome(sid, status, "kind-changed", entry,
                                    f"expected {entry.kind} (line {entry.line}), got {STATUS_KIND.get(status, status)}"))
    for sid, entry in entries.items():
        if sid not in statuses and sid not in suite_ids:
            outcomes.append(Outcome(sid, None, "stale", entry,
                                    f"entry (line {entry.line}) names no scenario of the suite"))
    return Evaluation(outcomes)
