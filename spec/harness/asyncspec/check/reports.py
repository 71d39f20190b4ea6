"""Reports of a conformance run: terminal summary, JSON, JUnit XML.

A run is (run_info, results) where results is a list of dicts:
    {"id", "area", "file", "clauses", "features", "status",
     "seconds"?, "divergence"?, "error"?, "skip_reason"?, "loop_errors"?, "expectation"?}
status: pass | fail | skip | hang | crash | error | spec-error.
- fail, hang, crash, error (the runtime could not run it: its own verdict)
  are the implementation's failures (RED_STATUSES);
- spec-error is the spec's fault (a scenario that cannot be read, or that
  the compiler rejects where IR is needed): never counted against the
  implementation, and the run exits 2.
"""

import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

STATUSES = ("pass", "fail", "skip", "hang", "crash", "error", "spec-error")
RED_STATUSES = frozenset({"fail", "hang", "crash", "error"})
SPEC_ERROR = "spec-error"
# How many loop errors of one scenario the terminal shows.
LOOP_ERRORS_SHOWN = 3


def summary(results):
    c = Counter(r["status"] for r in results)
    out = {"total": len(results)}
    out.update({s: c.get(s, 0) for s in STATUSES})
    return out


def to_json(run_info, results, evaluation=None):
    doc = {"run_info": run_info, "summary": summary(results), "scenarios": results}
    if evaluation is not None:
        doc["expectations"] = {
            "file": run_info.get("expectations"),
            "counts": evaluation.counts(),
            "red": bool(evaluation.red),
            "problems": [{"id": o.id, "status": o.status, "verdict": o.verdict, "message": o.message}
                         for o in evaluation.red],
        }
    return doc


def write_json(path, run_info, results, evaluation=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(run_info, results, evaluation), indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def _failure_text(r):
    if r.get("divergence"):
        return r["divergence_text"] if r.get("divergence_text") else json.dumps(r["divergence"], indent=1)
    return r.get("error", "")


def title(run_info):
    """The implementation, and the run's --label when it has one."""
    label = run_info.get("label")
    return f"{run_info.get('implementation')}" + (f" [{label}]" if label else "")


def to_junit(run_info, results, evaluation=None):
    verdicts = evaluation.by_id() if evaluation is not None else {}
    by_area = defaultdict(list)
    for r in results:
        by_area[r["area"]].append(r)
    root = ET.Element("testsuites", name=f"asyncspec {title(run_info)}")
    totals = Counter()
    for area in sorted(by_area):
        rs = by_area[area]
        suite = ET.SubElement(root, "testsuite", name=f"asyncspec.{area}")
        counts = Counter()
        for r in rs:
            case = ET.SubElement(suite, "testcase", classname=f"asyncspec.{area}", name=r["id"],
                                 time=f"{r.get('seconds', 0.0):.3f}", file=r.get("file", ""))
            counts["tests"] += 1
            status = r["status"]
            o = verdicts.get(r["id"])
            if o is not None and o.verdict == "expected-failure":
                el = ET.SubElement(case, "skipped", message=f"expected {o.entry.kind}: {o.entry.reason}")
                el.text = _failure_text(r)
                counts["skipped"] += 1
            elif o is not None and o.verdict == "unexpected-pass":
                ET.SubElement(case, "failure", message=o.message, type="UNEXPECTED_PASS")
                counts["failures"] += 1
            elif o is not None and o.verdict == "stale":
                ET.SubElement(case, "failure", message=o.message, type="STALE_EXPECTATION")
                counts["failures"] += 1
            elif status == "fail":
                d = r.get("divergence") or {}
                el = ET.SubElement(case, "failure", message=d.get("message", "trace mismatch"), type="TRACE_MISMATCH")
                el.text = _failure_text(r)
                counts["failures"] += 1
            elif status in ("hang", "crash", "error"):
                el = ET.SubElement(case, "error", message=(r.get("error") or status)[:300], type=status.upper())
                el.text = r.get("error", "")
                counts["errors"] += 1
            elif status == SPEC_ERROR:
                el = ET.SubElement(case, "error", message=("spec error (not the implementation's): "
                                                           + r.get("error", ""))[:300], type="SPEC_ERROR")
                el.text = r.get("error", "")
                counts["errors"] += 1
            elif status == "skip":
                ET.SubElement(case, "skipped", message=r.get("skip_reason", ""))
                counts["skipped"] += 1
            if r.get("loop_errors"):
                ET.SubElement(case, "system-err").text = "loop errors (the loop's exception handler):\n" + "\n".join(
                    r["loop_errors"])
            if r.get("clauses"):
                props = ET.SubElement(case, "properties")
                for c in r["clauses"]:
                    ET.SubElement(props, "property", name="clause", value=c)
        for k in ("tests", "failures", "errors", "skipped"):
            suite.set(k, str(counts.get(k, 0)))
            totals[k] += counts.get(k, 0)
    for k in ("tests", "failures", "errors", "skipped"):
        root.set(k, str(totals.get(k, 0)))
    props = ET.Element("properties")
    for k, v in sorted(run_info.items()):
        ET.SubElement(props, "property", name=k, value=str(v))
    if len(root):
        root[0].insert(0, props)
    return ET.ElementTree(root)


def write_junit(path, run_info, results, evaluation=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = to_junit(run_info, results, evaluation)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _line(counts):
    return "  ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES if counts.get(s, 0) or s == "pass")


def terminal(run_info, results, evaluation=None, verbose=False, out=print):
    s = summary(results)
    out("")
    why = f" ({run_info['profile_reason']})" if run_info.get("profile_reason") else ""
    out(f"asyncspec {run_info['suite_version']} on {title(run_info)} "
        f"(version {run_info.get('version')}, profile {run_info['profile']}{why}, {run_info.get('mode')} time)")
    if run_info.get("asyncio"):
        out(f"asyncio: {run_info['asyncio']}")
    if run_info.get("expectations"):
        how = f" ({run_info['expectations_reason']})" if run_info.get("expectations_reason") else ""
        out(f"expectations: {run_info['expectations']}{how}")
    out("")
    out("per area:")
    areas = defaultdict(Counter)
    for r in results:
        areas[r["area"]][r["status"]] += 1
    w = max([len(a) for a in areas] + [4])
    for a in sorted(areas):
        out(f"  {a:<{w}}  {sum(areas[a].values()):4d}  {_line(areas[a])}")
    clauses = defaultdict(Counter)
    for r in results:
        for c in r.get("clauses", []):
            clauses[c][r["status"]] += 1
    bad = {c: k for c, k in clauses.items() if any(k.get(st) for st in RED_STATUSES | {SPEC_ERROR})}
    shown = clauses if verbose else bad
    out("")
    out(f"per clause: {len(clauses)} clauses exercised, {len(bad)} with failures"
        + (" or spec errors" if any(k.get(SPEC_ERROR) for k in bad.values()) else "")
        + ("" if verbose or not bad else ":"))
    if shown:
        w = max(len(c) for c in shown)
        for c in sorted(shown):
            out(f"  {c:<{w}}  {_line(shown[c])}")
    verdicts = evaluation.by_id() if evaluation is not None else {}

    def loop_errors(r):
        errs = r.get("loop_errors") or []
        for e in errs[:LOOP_ERRORS_SHOWN]:
            out(f"    loop error: {e}")
        if len(errs) > LOOP_ERRORS_SHOWN:
            out(f"    ... {len(errs) - LOOP_ERRORS_SHOWN} more loop error(s)")

    failures = [r for r in results if r["status"] in RED_STATUSES]
    if failures:
        out("")
        out("failures:")
        for r in failures:
            o = verdicts.get(r["id"])
            tag = f" [{o.verdict}]" if o is not None else ""
            out(f"- {r['status'].upper()} {r['id']} ({r['file']}){tag}")
            text = r.get("divergence_text") or r.get("error") or ""
            for line in text.splitlines()[:12]:
                out("    " + line)
            loop_errors(r)
            if o is not None and o.verdict == "expected-failure":
                out(f"    known: {o.entry.reason}")
    spec_errors = [r for r in results if r["status"] == SPEC_ERROR]
    if spec_errors:
        out("")
        out("spec errors (the spec's fault, not the implementation's; fix the scenario):")
        for r in spec_errors:
            out(f"- SPEC-ERROR {r['id']} ({r['file']})")
            for line in (r.get("error") or "").splitlines()[:12]:
                out("    " + line)
    noisy = [r for r in results if r.get("loop_errors") and r["status"] not in RED_STATUSES]
    if noisy:
        out("")
        out("loop errors (messages the loop's exception handler got; never compared):")
        for r in noisy:
            out(f"- {r['status']} {r['id']} ({r['file']})")
            loop_errors(r)
    out("")
    out("total: " + "  ".join(f"{k} {s[k]}" for k in ("total",) + STATUSES))
    if evaluation is not None:
        counts = evaluation.counts()
        out("expectations: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for o in evaluation.red:
            out(f"  RED {o.verdict}: {o.id}: {o.message}")
        out("result: " + ("RED" if evaluation.red else "GREEN") + (" (but spec errors: exit 2)" if spec_errors else ""))


STATUS_MARK = {"pass": "pass", "fail": "**FAIL**", "skip": "skip", "hang": "**HANG**", "crash": "**CRASH**",
               "error": "**ERROR**", SPEC_ERROR: "*spec-error*"}


def matrix_markdown(docs):
    """Markdown matrix of several JSON reports (from `check --json` or any
    runner writing the same shape): implementations as columns."""
    names = []
    for d in docs:
        ri = d.get("run_info", {})
        names.append(f"{title(ri)} ({ri.get('profile', '?')})")
    out = ["# asyncspec conformance matrix", ""]
    suite = {d.get("run_info", {}).get("suite_version") for d in docs}
    out.append(f"Suite version: {', '.join(sorted(str(s) for s in suite))}")
    out.append("")
    out.append("| implementation | version | profile | mode | total | " + " | ".join(STATUSES) + " |")
    out.append("|---" * (5 + len(STATUSES)) + "|")
    for d in docs:
        ri, s = d.get("run_info", {}), d.get("summary") or summary(d.get("scenarios", []))
        out.append(f"| {title(ri)} | {ri.get('version')} | {ri.get('profile')} | {ri.get('mode', '')} | "
                   + " | ".join(str(s.get(k, 0)) for k in ("total",) + STATUSES) + " |")
    areas = sorted({r["area"] for d in docs for r in d.get("scenarios", [])})
    out += ["", "## Passing scenarios per area (pass / run, skips and spec errors excluded)", "",
            "| area | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for a in areas:
        cells = []
        for d in docs:
            rs = [r for r in d.get("scenarios", []) if r["area"] == a and r["status"] not in ("skip", SPEC_ERROR)]
            cells.append(f"{sum(r['status'] == 'pass' for r in rs)} / {len(rs)}" if rs else "–")
        out.append(f"| {a} | " + " | ".join(cells) + " |")
    by_id = [{r["id"]: r for r in d.get("scenarios", [])} for d in docs]
    ids = sorted({i for m in by_id for i, r in m.items() if r["status"] in RED_STATUSES | {SPEC_ERROR}})
    out += ["", "## Scenarios failing somewhere", ""]
    if not ids:
        out.append("None.")
    else:
        out += ["| scenario | clauses | " + " | ".join(names) + " |", "|---" * (len(names) + 2) + "|"]
        for i in ids:
            any_r = next(m[i] for m in by_id if i in m)
            cells = [STATUS_MARK.get(m[i]["status"], m[i]["status"]) if i in m else "–" for m in by_id]
            out.append(f"| `{i}` | {', '.join(any_r.get('clauses', []))} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
