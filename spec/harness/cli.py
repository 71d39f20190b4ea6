"""asyncspec harness command line.

    python3 spec/harness/cli.py record   [--filter X] [-j 2] [--versions 3.11,3.12,...]
    python3 spec/harness/cli.py verify   [--filter X] [-j 2]
    python3 spec/harness/cli.py coverage
    python3 spec/harness/cli.py check --impl NAME | --loop-factory MOD:CALLABLE
                                      [--json F] [--junit F] [--expectations F] [--filter X]
    python3 spec/harness/cli.py bundle   [-o out/asyncspec-bundle.json]
    python3 spec/harness/cli.py run SCENARIO.py [--impl NAME]   (print one trace)
    python3 spec/harness/cli.py impls                            (list implementations)
    python3 spec/harness/cli.py expect RESULTS.json --expectations F (any runner's results)
"""

import argparse
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "harness"

from harness import SUITE_VERSION, paths, runtimes  # noqa: E402
from harness import scenarios as scenarios_mod  # noqa: E402


def _load_scenarios(args, strict=True):
    scs, errors = scenarios_mod.load_all(args.scenarios)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    selected = scenarios_mod.select(scs, getattr(args, "filter", None))
    return scs, selected, errors


def _versions(args):
    if not args.versions:
        return runtimes.ORACLE_VERSIONS
    return tuple(v.strip() for v in args.versions.split(",") if v.strip())


def _print_problems(problems, title):
    if not problems:
        return
    print(f"\n{title} ({len(problems)}):")
    for p in problems:
        print("  " + p.format().replace("\n", "\n    "))


def _print_oracles(summary):
    for v, full in sorted(summary["python"].items()):
        print(f"  oracle {v}: Python {full}")
    for v, why in sorted(summary["missing"].items()):
        print(f"  oracle {v}: unavailable ({why})")
    if summary["skipped"]:
        print(f"  {len(summary['skipped'])} (version, scenario) pairs skipped: runtime lacks a feature")


def cmd_record(args):
    from harness import recorder

    all_scs, selected, errors = _load_scenarios(args)
    full = not args.filter
    summary, problems = recorder.record(
        selected, all_scenarios=all_scs if full else None, expected_dir=args.expected, jobs=args.jobs,
        passes=args.passes, versions=_versions(args), timeout=args.timeout, install=not args.no_install)
    print(f"record: {summary['scenarios']} scenarios x {len(summary['python'])} versions, "
          f"{summary['passes']} runs each, in {summary['seconds']:.1f} s")
    _print_oracles(summary)
    print(f"  written {summary['written']}, unchanged {summary['unchanged']}, "
          f"version-scoped {len(summary['version_scoped'])}, deleted {len(summary['deleted'])}")
    for sid in summary["version_scoped"]:
        print(f"    version-scoped: {sid}")
    for p in summary["deleted"]:
        print(f"    deleted: {p}")
    if summary["ties"]:
        print(f"\nwarning: {len(summary['ties'])} scenario(s) without `unordered` run equal-deadline timers "
              "out of scheduling order (CPython's timer heap is not stable: IMPL-DEFINED order; "
              "make the deadlines distinct or declare the events unordered):")
        for sid, by_v in sorted(summary["ties"].items()):
            times = sorted({t for ts in by_v.values() for t in ts})
            print(f"    {sid}: t = {', '.join(map(str, times))} ({', '.join(sorted(by_v))})")
    _print_problems(problems, "broken scenarios (not recorded)")
    return 1 if problems or errors else 0


def cmd_verify(args):
    from harness import recorder

    all_scs, selected, errors = _load_scenarios(args)
    summary, problems = recorder.verify(
        selected, all_scenarios=all_scs if not args.filter else None, expected_dir=args.expected,
        jobs=args.jobs, passes=args.passes, versions=_versions(args), timeout=args.timeout,
        install=not args.no_install)
    print(f"verify: {summary['scenarios']} scenarios x {len(summary['python'])} versions in "
          f"{summary['seconds']:.1f} s: {summary['ok']} identical, {len(problems)} problems")
    _print_oracles(summary)
    _print_problems(problems, "differences")
    for sid, first in summary.get("flaky", []):
        print(f"warning: {sid} differed once and matched when re-run alone (thread scheduling): {first}")
    if summary["missing"]:
        print("warning: some oracles were unavailable; their checked-in traces were not verified")
    return 1 if problems or errors else 0


def cmd_coverage(args):
    from harness import coverage

    return coverage.main(args)


def cmd_check(args):
    from harness import checker

    return checker.main(args)


def cmd_bundle(args):
    from harness import bundle

    return bundle.main(args)


def cmd_run(args):
    from harness import checker

    return checker.run_one(args)


def cmd_expect(args):
    """Evaluate a results JSON (from `check --json` or any runner writing the
    same {"scenarios": [{"id", "status"}]} shape) against an expectation file."""
    from harness import expectations, reports

    try:
        exp = expectations.load(args.expectations)
    except (OSError, expectations.ExpectationsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with open(args.results, encoding="utf-8") as f:
        doc = json.load(f)
    statuses = {r["id"]: r["status"] for r in doc.get("scenarios", [])}
    all_scs, _ = scenarios_mod.load_all(args.scenarios)
    ev = expectations.evaluate(exp, statuses, {sc.id for sc in all_scs} | set(statuses))
    print(f"{args.results}: " + ", ".join(f"{k} {v}" for k, v in sorted(ev.counts().items())))
    for o in ev.red:
        print(f"  RED {o.verdict}: {o.id}: {o.message}")
    print("result: " + ("RED" if ev.red else "GREEN"))
    return 1 if ev.red else 0


def cmd_matrix(args):
    from harness import reports

    docs = []
    for p in args.reports:
        with open(p, encoding="utf-8") as f:
            docs.append(json.load(f))
    text = reports.matrix_markdown(docs)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"matrix: {len(docs)} reports -> {args.output}")
    else:
        print(text, end="")
    return 0


def cmd_impls(args):
    from harness import checker

    return checker.list_impls(args)


def build_parser():
    ap = argparse.ArgumentParser(prog="asyncspec", description=f"asyncspec harness (suite {SUITE_VERSION})")
    ap.add_argument("--scenarios", type=Path, default=None, help="scenario directory (default spec/scenarios)")
    ap.add_argument("--expected", type=Path, default=None, help="expected-trace directory (default spec/expected)")
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p, passes):
        p.add_argument("--filter", help="only scenarios whose id/area/file contains this (or matches this regex)")
        p.add_argument("-j", "--jobs", type=int, default=2, help="oracle processes in parallel (default 2)")
        p.add_argument("--passes", type=int, default=passes, help=f"runs per scenario and version (default {passes})")
        p.add_argument("--versions", help="comma-separated oracle versions (default 3.11,3.12,3.13,3.14)")
        p.add_argument("--timeout", type=float, default=runtimes.DEFAULT_TIMEOUT, help="wall-clock seconds per scenario")
        p.add_argument("--no-install", action="store_true", help="do not npm-install a missing Pyodide")

    p = sub.add_parser("record", help="record expected traces from the CPython oracles")
    common(p, 2)
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("verify", help="re-run the oracles, fail on any difference from spec/expected")
    common(p, 1)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("coverage", help="clauses and their scenarios; fail on gaps")
    p.add_argument("-v", "--verbose", action="store_true", help="list every clause's scenarios")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("check", help="run the spec on a Python implementation and report")
    p.add_argument("--impl", help="cpython-3.11|cpython-3.12|cpython-3.13|pyodide-3.13|pyodide-3.14|micropython|uvloop|asyncio-real")
    p.add_argument("--loop-factory", help="MODULE:CALLABLE returning an event loop (real time)")
    p.add_argument("--python", help="interpreter for --loop-factory (default: the one running the harness)")
    p.add_argument("--impl-command", help="a runner-protocol executable (conformance/PROTOCOL.md), e.g. a C++ runner")
    p.add_argument("--profile", help="expected version to compare with (default: the implementation's)")
    p.add_argument("--filter", help="only scenarios whose id/area/file contains this (or matches this regex)")
    p.add_argument("--json", type=Path, help="write a JSON report")
    p.add_argument("--junit", type=Path, help="write a JUnit XML report")
    p.add_argument("--expectations", type=Path, help="known failures (TOML); red on new/changed/unexpected/stale")
    p.add_argument("--scale", type=float, default=None, help="real time: real seconds per virtual second (default 0.2)")
    p.add_argument("--time-abs", type=float, default=None, help="real time: absolute time tolerance, virtual s")
    p.add_argument("--time-rel", type=float, default=None, help="real time: relative time tolerance")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock seconds per scenario")
    p.add_argument("-j", "--jobs", type=int, default=None, help="processes in parallel (default 2 virtual, 1 real)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.add_argument("-v", "--verbose", action="store_true", help="every clause in the summary")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("bundle", help="write the JSON bundle for the conformance runners")
    p.add_argument("-o", "--output", type=Path, default=paths.REPO_DIR / "out" / "asyncspec-bundle.json")
    p.add_argument("--allow-missing-ir", action="store_true", help="write scenarios the compiler rejects without IR")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("run", help="run one scenario file and print its trace")
    p.add_argument("file", type=Path)
    p.add_argument("--impl", default=None, help="default: cpython of the running interpreter's version")
    p.add_argument("--loop-factory", default=None)
    p.add_argument("--python", default=None)
    p.add_argument("--scale", type=float, default=None)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("expect", help="evaluate a results JSON of any runner against an expectation file")
    p.add_argument("results", type=Path, help="JSON with {\"scenarios\": [{\"id\", \"status\"}, ...]}")
    p.add_argument("--expectations", type=Path, required=True)
    p.set_defaults(func=cmd_expect)

    p = sub.add_parser("matrix", help="Markdown matrix of several `check --json` reports")
    p.add_argument("reports", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path)
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("impls", help="list the implementations check knows and whether they are available")
    p.set_defaults(func=cmd_impls)
    return ap


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except runtimes.RuntimeUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
