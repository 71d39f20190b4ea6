"""record / verify: run every scenario on every available oracle.

Oracles: pyenv CPython 3.11-3.13, Pyodide (CPython 3.14) on Node. Each
(version, pass) is one long-lived oracle process; at most `jobs` of them run
at once. Pass 0 runs the scenarios in order, pass 1 (determinism check) in
reverse order in a fresh process, so heap layout and counters differ: a
scenario whose trace differs between the two passes is nondeterministic.
"""

import concurrent.futures
import json
import os
import sys
import time
from dataclasses import dataclass, field

from . import expected as expected_mod
from .. import paths, runtimes
from ..trace import matcher
from .scenarios import version_tuple


@dataclass
class Problem:
    scenario: str
    file: str
    kind: str          # error | hang | crash | nondeterministic | diff | missing | stale
    version: str = None
    detail: str = ""

    def format(self):
        v = f" [{self.version}]" if self.version else ""
        return f"{self.file}: {self.scenario}{v}: {self.kind}: {self.detail}".rstrip(": ")


@dataclass
class OracleRun:
    runtimes: dict                                   # version -> Runtime
    missing: dict                                    # version -> reason
    results: dict = field(default_factory=dict)      # (version, id) -> [response per pass]
    python: dict = field(default_factory=dict)       # version -> full version
    skipped: dict = field(default_factory=dict)      # (version, id) -> reason
    seconds: float = 0.0


def _log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_oracles(scenarios, versions=runtimes.ORACLE_VERSIONS, passes=2, jobs=2,
                timeout=runtimes.DEFAULT_TIMEOUT, install=True, log=_log):
    t0 = time.monotonic()
    found, missing = runtimes.oracle_runtimes(versions, install=install, log=log)
    run = OracleRun(runtimes=found, missing=missing)
    for v, why in missing.items():
        log(f"warning: no oracle for Python {v}: {why}")
    units = []
    for v, rt in found.items():
        todo = []
        for sc in scenarios:
            if not sc.applies_to(v):
                continue
            if not rt.supports(sc.features):
                run.skipped[(v, sc.id)] = f"{rt.name} lacks {', '.join(rt.missing(sc.features))}"
                continue
            todo.append(sc)
        for p in range(passes):
            units.append((rt, p, todo if p % 2 == 0 else list(reversed(todo))))
    # Slow starters (Pyodide) first so they do not end up last.
    units.sort(key=lambda u: (u[0].kind != "pyodide", u[1], u[0].version))
    total = sum(len(u[2]) for u in units)
    done = [0]
    tty = sys.stderr.isatty()

    def work(unit):
        rt, p, todo = unit
        out = {}
        with runtimes.OracleProcess(rt) as proc:
            for sc in todo:
                try:
                    res = proc.run(runtimes.request_for(sc, rt), timeout=timeout)
                except runtimes.RuntimeUnavailable as exc:
                    res = {"file": sc.relpath, "status": "crash", "error": str(exc)}
                out[sc.id] = res
                if proc.python:
                    run.python.setdefault(rt.version, proc.python)
                done[0] += 1
                if log and tty and done[0] % 10 == 0:
                    print(f"\r  {done[0]}/{total} scenario runs", end="", file=sys.stderr, flush=True)
        return rt.version, p, out

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for version, p, out in pool.map(work, units):
            for sid, res in out.items():
                lst = run.results.setdefault((version, sid), [None] * passes)
                lst[p] = res
    if log and tty:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr, flush=True)
    run.seconds = time.monotonic() - t0
    return run


def analyse(scenario, run):
    """-> (traces_by_version, problems) for one scenario."""
    traces, problems = {}, []
    for v in run.runtimes:
        passes = run.results.get((v, scenario.id))
        if not passes:
            continue
        bad = [r for r in passes if r is None or r.get("status") != "ok"]
        if bad:
            r = bad[0] or {"status": "crash", "error": "no result"}
            problems.append(Problem(scenario.id, scenario.relpath, r.get("status", "error"), v, r.get("error", "")))
            continue
        canon = [matcher.canonical_order(r["trace"], scenario.unordered) for r in passes]
        for c in canon[1:]:
            if c != canon[0]:
                res = matcher.match(canon[0], c, scenario.unordered, matcher.VIRTUAL)
                detail = res.divergence.format(scenario.relpath) if res.divergence else "line numbers differ"
                problems.append(Problem(scenario.id, scenario.relpath, "nondeterministic", v,
                                        "two runs gave different traces\n" + detail))
                break
        else:
            traces[v] = canon[0]
    return traces, problems


def _preserved(scenario, run, old_doc):
    """Traces of versions not run now (oracle unavailable, or not selected
    with --versions): keep the recorded ones."""
    if old_doc is None:
        return {}, {}
    old = expected_mod.traces_by_version(old_doc)
    keep = {v: t for v, t in old.items() if v not in run.runtimes and scenario.applies_to(v)}
    py = {v: old_doc.get("recorded_with", {}).get(v, v) for v in keep}
    return keep, py


def expected_text(scenario, run, old_doc=None):
    """The file content record would write, or (None, problems)."""
    traces, problems = analyse(scenario, run)
    if problems:
        return None, problems
    keep, keep_py = _preserved(scenario, run, old_doc)
    traces.update(keep)
    if not traces:
        return None, [Problem(scenario.id, scenario.relpath, "error", None, "no oracle could run it")]
    python = {v: run.python.get(v, v) for v in traces if v not in keep}
    python.update(keep_py)
    return expected_mod.dump(expected_mod.build(scenario, traces, python)), []


def _read_old(path):
    try:
        return path.read_text(encoding="utf-8"), expected_mod.load(path)
    except (OSError, ValueError):
        return None, None


def stale_files(scenarios, expected_dir=None):
    root = paths.EXPECTED_DIR if expected_dir is None else expected_dir
    ids = {sc.id for sc in scenarios}
    out = []
    for p in sorted(root.glob("*/*.json")) if root.is_dir() else []:
        if p.stem not in ids:
            out.append(p)
    return out


def record(scenarios, all_scenarios=None, expected_dir=None, jobs=2, passes=2,
           versions=runtimes.ORACLE_VERSIONS, timeout=runtimes.DEFAULT_TIMEOUT, install=True, log=_log):
    """Write expected traces. Returns (summary dict, problems)."""
    expected_dir = paths.EXPECTED_DIR if expected_dir is None else expected_dir
    run = run_oracles(scenarios, versions=versions, passes=passes, jobs=jobs, timeout=timeout,
                      install=install, log=log)
    written = unchanged = 0
    problems, scoped = [], []
    for sc in scenarios:
        path = expected_mod.expected_path(sc.id, expected_dir)
        old_text, old_doc = _read_old(path)
        text, probs = expected_text(sc, run, old_doc)
        if probs:
            problems.extend(probs)
            continue
        if '"version_scoped": true' in text:
            scoped.append(sc.id)
        if text == old_text:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        written += 1
    ties = tie_warnings(scenarios, run)
    deleted = []
    if all_scenarios is not None:  # only on a full run: remove traces of deleted scenarios
        for p in stale_files(all_scenarios, expected_dir):
            p.unlink()
            deleted.append(paths.rel(p))
        for d in expected_dir.glob("*") if expected_dir.is_dir() else []:
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()
    summary = {"scenarios": len(scenarios), "written": written, "unchanged": unchanged,
               "deleted": deleted, "version_scoped": scoped, "python": run.python,
               "missing": run.missing, "skipped": run.skipped, "seconds": run.seconds,
               "passes": passes, "ties": ties}
    return summary, problems


def tie_warnings(scenarios, run):
    """{scenario id: {version: [times]}} for scenarios without unordered
    groups whose timers with equal deadlines ran out of scheduling order."""
    out = {}
    for sc in scenarios:
        if sc.unordered:
            continue
        for v in run.runtimes:
            for r in run.results.get((v, sc.id)) or ():
                if r and r.get("ties"):
                    out.setdefault(sc.id, {})[v] = r["ties"]
                    break
    return out


def verify(scenarios, all_scenarios=None, expected_dir=None, jobs=2, passes=1,
           versions=runtimes.ORACLE_VERSIONS, timeout=runtimes.DEFAULT_TIMEOUT, install=True, log=_log):
    """Re-run the oracles and compare with the checked-in traces."""
    expected_dir = paths.EXPECTED_DIR if expected_dir is None else expected_dir
    run = run_oracles(scenarios, versions=versions, passes=passes, jobs=jobs, timeout=timeout,
                      install=install, log=log)

    def check(sc, run):
        """-> (ok, problems) for one scenario against its checked-in file."""
        path = expected_mod.expected_path(sc.id, expected_dir)
        old_text, old_doc = _read_old(path)
        if old_doc is None:
            return False, [Problem(sc.id, sc.relpath, "missing", None,
                                   f"no expected trace {paths.rel(path)} (run record)")]
        text, probs = expected_text(sc, run, old_doc)
        if probs:
            return False, probs
        if text == old_text:
            return True, []
        return False, [Problem(sc.id, sc.relpath, "diff", None, describe_diff(sc, old_doc, json.loads(text)))]

    problems, flaky = [], []
    ok = 0
    for sc in scenarios:
        good, probs = check(sc, run)
        if not good and "threads" in sc.features and probs[0].kind != "missing":
            # Scenarios with real threads depend on OS scheduling in the
            # oracle's thread/deadlock detection: one more try, alone, in a
            # fresh process. A pass then is reported as flaky, never hidden.
            again = run_oracles([sc], versions=versions, passes=passes, jobs=1, timeout=timeout,
                                install=install, log=None)
            if check(sc, again)[0]:
                flaky.append((sc.id, probs[0].format()))
                good, probs = True, []
        if good:
            ok += 1
        problems.extend(probs)
    if all_scenarios is not None:
        for p in stale_files(all_scenarios, expected_dir):
            problems.append(Problem(p.stem, paths.rel(p), "stale", None, "expected trace of no scenario"))
    summary = {"scenarios": len(scenarios), "ok": ok, "python": run.python, "missing": run.missing,
               "skipped": run.skipped, "seconds": run.seconds, "passes": passes, "flaky": flaky}
    return summary, problems


def describe_diff(sc, old_doc, new_doc):
    old = expected_mod.traces_by_version(old_doc)
    new = expected_mod.traces_by_version(new_doc)
    out = []
    for v in sorted(set(old) | set(new), key=version_tuple):
        if v not in new:
            out.append(f"  [{v}] checked in, but not produced now")
            continue
        if v not in old:
            out.append(f"  [{v}] produced now, but not checked in")
            continue
        if old[v] == new[v]:
            continue
        res = matcher.match(old[v], new[v], (), matcher.VIRTUAL)
        out.append(f"  [{v}] " + (res.divergence.format(sc.relpath).replace("\n", "\n  ")
                                  if res.divergence else "only the recorded line numbers differ"))
        diff = matcher.exact_diff(old[v], new[v])
        out.extend("    " + d for d in diff[:40])
        if len(diff) > 40:
            out.append(f"    ... {len(diff) - 40} more diff lines")
    if not out:
        if old_doc.get("recorded_with") != new_doc.get("recorded_with"):
            out.append(f"  recorded_with differs: {old_doc.get('recorded_with')} -> {new_doc.get('recorded_with')}")
        else:
            out.append("  formatting differs (re-run record)")
    return "checked-in expected trace differs from the oracle:\n" + "\n".join(out)
