"""asyncspec harness command line.

    python3 spec/harness/cli.py record   [--filter X] [-j 2] [--versions 3.11,3.12,...]
    python3 spec/harness/cli.py verify   [--filter X] [-j 2]
    python3 spec/harness/cli.py coverage
    python3 spec/harness/cli.py check --impl NAME | --loop-factory MOD:CALLABLE | --impl-command CMD
                                      [--json F] [--junit F] [--expectations F] [--label NAME]
                                      [--filter X] [--clause ID] [--feature F] [--shard K/N] [--list]
    python3 spec/harness/cli.py bundle   [-o out/asyncspec-bundle.json]
    python3 spec/harness/cli.py run SCENARIO.py [--impl NAME]   (print one trace)
    python3 spec/harness/cli.py impls                            (list implementations)
    python3 spec/harness/cli.py expect RESULTS.json --expectations F (any runner's results)

Exit codes (every command): 0 green, 1 red (the implementation or the
oracle differs), 2 usage, configuration or spec error.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import EXIT_GREEN, EXIT_RED, EXIT_USAGE, SUITE_VERSION, ConfigError, paths, runtimes
from .spec import scenarios as scenarios_mod

EXIT_CODES = """exit codes:
  0  green: everything checked agrees
  1  red: the implementation (or the oracle) differs
  2  usage, configuration or spec error (never the implementation's fault)"""


def _load_scenarios(args):
    """-> (all scenarios, the selected ones, the selected broken files' errors);
    ConfigError when the selection is empty. A broken scenario file is a
    spec error: the command goes on with the rest and exits 2."""
    scs, broken = scenarios_mod.load_suite(args.scenarios)
    picked = scenarios_mod.require_selection(scenarios_mod.select(scs + broken, getattr(args, "filter", None)), args)
    errors = [b.error for b in picked if isinstance(b, scenarios_mod.BrokenScenario)]
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    return scs, [s for s in picked if not isinstance(s, scenarios_mod.BrokenScenario)], errors


def _outcome(red, errors):
    return EXIT_USAGE if errors else EXIT_RED if red else EXIT_GREEN


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
    from .spec import recorder

    all_scs, selected, errors = _load_scenarios(args)
    full = not args.filter and not errors  # a broken file's traces are not stale: keep them
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
    return _outcome(problems, errors)


def cmd_verify(args):
    from .spec import recorder

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
    if summary["missing"] and args.require_all:
        print("error: --require-all: an oracle is unavailable, so its traces were not verified", file=sys.stderr)
        return EXIT_USAGE
    if summary["missing"]:
        print("warning: some oracles were unavailable; their checked-in traces were not verified")
    if not summary["python"] or (summary["ok"] == 0 and not problems):
        print("error: no oracle ran or no trace was compared: a verify that checked nothing is not a pass",
              file=sys.stderr)
        return EXIT_USAGE
    return _outcome(problems, errors)


def cmd_coverage(args):
    if args.cpython:
        from .spec import cpython_yardstick

        return cpython_yardstick.main(args)
    if args.tests_dir or args.min_percent is not None:
        raise ConfigError("--tests-dir and --min-percent go with --cpython")
    from .spec import coverage

    return coverage.main(args)


def cmd_check(args):
    from .check import checker

    return checker.main(args)


def cmd_bundle(args):
    from .spec import bundle

    return bundle.main(args)


def cmd_run(args):
    from .check import checker

    return checker.run_one(args)


def cmd_expect(args):
    """Evaluate a results JSON (from `check --json` or any runner writing the
    same {"scenarios": [{"id", "status"}]} shape) against an expectation file."""
    from .check import expectations, reports

    exp = expectations.load(args.expectations)
    doc = _read_report(args.results)
    statuses = {r["id"]: r["status"] for r in doc.get("scenarios", [])
                if r["status"] != reports.SPEC_ERROR}
    all_scs, _ = scenarios_mod.load_all(args.scenarios)
    ev = expectations.evaluate(exp, statuses, {sc.id for sc in all_scs} | set(statuses))
    print(f"{args.results}: " + ", ".join(f"{k} {v}" for k, v in sorted(ev.counts().items())))
    for o in ev.red:
        print(f"  RED {o.verdict}: {o.id}: {o.message}")
    print("result: " + ("RED" if ev.red else "GREEN"))
    return EXIT_RED if ev.red else EXIT_GREEN


def _read_report(path):
    """A results JSON ({"scenarios": [{"id", "status"}, ...]}); ConfigError when unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if not all(isinstance(r.get("id"), str) and isinstance(r.get("status"), str) for r in doc.get("scenarios", [])):
            raise ValueError('every entry of "scenarios" needs "id" and "status"')
    except (OSError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: not a results JSON: {exc}") from None
    return doc


def cmd_matrix(args):
    from .check import reports

    docs = [_read_report(p) for p in args.reports]
    text = reports.matrix_markdown(docs)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"matrix: {len(docs)} reports -> {args.output}")
    else:
        print(text, end="")
    return EXIT_GREEN


def cmd_impls(args):
    from .check import checker

    return checker.list_impls(args)


def version_text(expected_dir=None):
    """`asyncspec --version`: the spec's version, the CPython versions its
    expected traces were recorded with (every file's `recorded_with`), and
    where the spec data is read from."""
    from .spec import expected as expected_mod

    recorded = {}
    for p in sorted(Path(expected_dir or paths.EXPECTED_DIR).glob("*/*.json")):
        try:
            doc = expected_mod.load(p)
        except (OSError, ValueError):
            continue
        for minor, full in (doc.get("recorded_with") or {}).items():
            recorded.setdefault(minor, set()).add(full)
    versions = ", ".join(" / ".join(sorted(recorded[m])) for m in sorted(recorded, key=lambda v: tuple(
        int(x) for x in v.split("."))))
    where = "a checkout" if paths.CHECKOUT else "installed"
    return (f"asyncspec {SUITE_VERSION} (spec {SUITE_VERSION}; expected traces recorded with CPython "
            f"{versions or 'none'}; spec data: {paths.SPEC_DIR}, {where})")


class _VersionAction(argparse.Action):
    """--version, computed only when asked (it reads the expected traces)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def build_parser():
    ap = argparse.ArgumentParser(prog="asyncspec", description=f"asyncspec harness (suite {SUITE_VERSION})",
                                 epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action=_VersionAction,
                    help="the spec's version and the CPython versions its traces come from")
    ap.add_argument("--scenarios", type=Path, default=None, help="scenario directory (default spec/scenarios)")
    ap.add_argument("--expected", type=Path, default=None, help="expected-trace directory (default spec/expected)")
    ap.add_argument("--clauses", type=Path, default=None, help="clause directory (default spec/clauses)")
    ap.add_argument("--reference-runner", type=Path, default=None,
                    help=f"the reference's runner binary (default ${paths.REFERENCE_RUNNER_ENV}; ./asyncspec sets it)")
    subs = ap.add_subparsers(dest="cmd", required=True)

    class Sub:
        """add_parser with the exit codes (and a command's own notes) in every --help."""

        def add_parser(self, name, notes="", **kw):
            return subs.add_parser(name, epilog=(notes.strip() + "\n\n" if notes else "") + EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter, **kw)

    sub = Sub()

    def common(p, passes):
        p.add_argument("--filter", help="only scenarios whose id/area/file contains this (or matches this regex)")
        p.add_argument("-j", "--jobs", type=int, default=2, help="oracle processes in parallel (default 2)")
        p.add_argument("--passes", type=int, default=passes, help=f"runs per scenario and version (default {passes})")
        p.add_argument("--versions", help="comma-separated oracle versions (default 3.11,3.12,3.13,3.14)")
        p.add_argument("--timeout", type=float, default=runtimes.DEFAULT_TIMEOUT, help="wall-clock seconds per scenario")
        p.add_argument("--no-install", action="store_true", help="do not npm-install a missing Pyodide")

    p = sub.add_parser("record", help="record expected traces from the CPython oracles", notes="""
1: a scenario broke or was nondeterministic on an oracle (not recorded);
2: also when a scenario file cannot be read (the others are recorded).""")
    common(p, 2)
    p.set_defaults(func=cmd_record)
    p = sub.add_parser("verify", help="re-run the oracles, fail on any difference from spec/expected", notes="""
1: an oracle's trace differs from spec/expected;
2: also when a scenario file cannot be read, --filter matches nothing, no
   oracle ran or nothing was compared, or (--require-all) an oracle is missing.""")
    common(p, 1)
    p.add_argument("--require-all", action="store_true",
                   help="fail (exit 2) when any oracle is unavailable instead of warning")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("coverage", help="clauses and their scenarios; fail on gaps", notes="""
1: a clause without a scenario, or a scenario naming an unknown clause or feature;
   --cpython: a test method missing from spec/cpython/, a table entry naming no
   test method, a mapped scenario that does not exist, or (--min-percent) too
   little covered;
2: a malformed clause, feature or scenario file, or (--cpython) a malformed
   table (file:line: reason) or no CPython 3.13 test directory.""")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every clause's scenarios (--cpython: the uncovered tests per missing area)")
    p.add_argument("--cpython", action="store_true",
                   help="the yardstick: CPython 3.13's test_asyncio methods mapped in spec/cpython/ to scenarios")
    p.add_argument("--tests-dir", metavar="DIR",
                   help="--cpython: CPython's Lib/test/test_asyncio (default: beside the CPython 3.13 found)")
    p.add_argument("--min-percent", type=float, metavar="X",
                   help="--cpython: exit 1 when less than X%% of the in-scope tests are covered")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("check", help="run the spec on an implementation and report", notes="""
statuses: pass, skip; fail, hang, crash, error (the implementation's: red);
spec-error (a scenario the spec got wrong: reported in every report, never
counted against the implementation; the run exits 2).

--loop-factory MODULE:CALLABLE is imported by the interpreter under test
(--python) as `python -c "import MODULE"` would in the current directory:
that directory first, then the interpreter's own sys.path (PYTHONPATH, its
site-packages; not the user site directory: the oracle runs with -s). It is
tried once before any scenario runs; one that cannot give an event loop is
a configuration error (exit 2).

The profile (the Python version whose traces are expected) is --profile, else
the implementation's: the version of --python for a loop factory, the
`--describe` profile of a runner; the report says which and why.

1: a scenario failed, hung, crashed or errored (with --expectations: the
evaluation is RED); 2: usage or configuration error, a selection matching
nothing, a malformed clause, scenario or expectation file, or a spec-error.""")
    p.add_argument("--impl", help="reference (the default: its runner, with conformance/expectations/reference.toml "
                                  "unless --expectations)|cpython-3.11|cpython-3.12|cpython-3.13|cpython-3.11-pure|"
                                  "cpython-3.12-pure|cpython-3.13-pure|cpython-system|pyodide-3.13|"
                                  "pyodide-3.14|micropython|uvloop|gbulb|pypy3|asyncio-real; a built-in with a file "
                                  "spec/expectations/NAME.toml (uvloop, gbulb, cpython-system, pypy3, micropython) "
                                  "applies it "
                                  "unless --expectations")
    p.add_argument("--loop-factory", help="MODULE:CALLABLE returning an event loop (real time)")
    p.add_argument("--python", help="interpreter for --loop-factory (default: the one running the harness)")
    p.add_argument("--impl-command", help="a runner-protocol executable (conformance/PROTOCOL.md), e.g. a C++ runner")
    p.add_argument("--profile", help="expected version to compare with (default: the implementation's)")
    p.add_argument("--filter", help="only scenarios whose id/area/file contains this (or matches this regex)")
    p.add_argument("--clause", action="append", metavar="ID",
                   help="only scenarios citing clause ID or a clause under it (a dotted prefix); repeatable")
    p.add_argument("--feature", action="append", metavar="NAME",
                   help="only scenarios using feature NAME (spec/features.toml); repeatable")
    p.add_argument("--shard", metavar="K/N",
                   help="only the K-th of N parts of the selection (by position in id order; "
                        "the N shards partition it)")
    p.add_argument("--list", action="store_true",
                   help="print the selected scenarios (id, clauses, features) as JSON; run nothing")
    p.add_argument("--label", help="a name for this run, shown in every report (e.g. a CI matrix cell)")
    p.add_argument("--json", type=Path, help="write a JSON report")
    p.add_argument("--junit", type=Path, help="write a JUnit XML report")
    p.add_argument("--expectations", type=Path, help="known failures (TOML); red on new/changed/unexpected/stale "
                                                      "(default: the --impl's own file, see --impl)")
    p.add_argument("--scale", type=float, default=None, help="real time: real seconds per virtual second (default 0.2)")
    p.add_argument("--time-abs", type=float, default=None, help="real time: absolute time tolerance, virtual s")
    p.add_argument("--time-rel", type=float, default=None, help="real time: relative time tolerance")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock seconds per scenario")
    p.add_argument("-j", "--jobs", type=int, default=None, help="processes in parallel (default 2 virtual, 1 real)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.add_argument("-v", "--verbose", action="store_true", help="every clause in the summary")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("bundle", help="write the JSON bundle for the conformance runners", notes="""
2: a malformed clause or scenario file, or a scenario the compiler rejects
(unless --allow-missing-ir); nothing is written then.""")
    p.add_argument("-o", "--output", type=Path, default=paths.OUT_DIR / "asyncspec-bundle.json")
    p.add_argument("--allow-missing-ir", action="store_true", help="write scenarios the compiler rejects without IR")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("run", help="run one scenario file and print its trace", notes="""
1: the scenario did not run to the end of main (error, hang, crash).""")
    p.add_argument("file", type=Path)
    p.add_argument("--impl", default=None, help="default: cpython of the running interpreter's version")
    p.add_argument("--loop-factory", default=None)
    p.add_argument("--python", default=None)
    p.add_argument("--scale", type=float, default=None)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("expect", help="evaluate a results JSON of any runner against an expectation file", notes="""
1: the evaluation is RED; 2: an unreadable results or expectation file.""")
    p.add_argument("results", type=Path, help="JSON with {\"scenarios\": [{\"id\", \"status\"}, ...]}")
    p.add_argument("--expectations", type=Path, required=True)
    p.set_defaults(func=cmd_expect)

    p = sub.add_parser("matrix", help="Markdown matrix of several `check --json` reports", notes="""
2: an unreadable report.""")
    p.add_argument("reports", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path)
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("impls", help="list the implementations check knows and whether they are available",
                       notes="0 whatever is available.")
    p.set_defaults(func=cmd_impls)

    from .fuzz import run as fuzz
    p = sub.add_parser("fuzz", help="differential fuzzing: random programs, a runner in a profile vs that Python",
                       description=fuzz.__doc__.split("\n\n")[0], notes="""
1: a program diverged or was invalid, or none was compared; 2: no oracle for
the profile (CPython 3.11-3.13, Pyodide for 3.14), no runner, or a runner
that does not declare the profile.""")
    fuzz.add_arguments(p)
    p.set_defaults(func=fuzz.main)

    from .spec import changelog
    p = sub.add_parser("changelog", help="write spec/CHANGELOG-asyncio.md: the rules that changed per version step",
                       description=changelog.__doc__.split("\n\n")[0], notes="""
1: --check and the checked-in page differs from the generated one (stale);
2: a malformed clause, scenario or profile.hpp rule.""")
    changelog.add_arguments(p)
    p.set_defaults(func=changelog.main)

    from . import mutants
    p = sub.add_parser("mutants", help="mutation check: the spec must kill every mutant of the reference",
                       description=mutants.__doc__.split("\n\n")[0], notes="""
1: a mutant survived (or failed to build); 2: a malformed catalogue, a patch
that no longer applies, or a selection matching nothing.""")
    mutants.add_arguments(p)
    p.set_defaults(func=mutants.main)
    return ap


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.reference_runner:
        os.environ[paths.REFERENCE_RUNNER_ENV] = str(args.reference_runner)
    try:
        paths.require_checkout(args.cmd)
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except ConfigError as exc:
        for m in exc.messages:
            print(f"error: {m}", file=sys.stderr)
        return EXIT_USAGE


