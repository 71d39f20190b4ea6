"""check: run the spec on a Python implementation and report.

Implementations (`--impl`):
    cpython-3.11/3.12/3.13  pyenv CPython, virtual time (oracle.py); profile 3.X
    cpython-3.X-pure        the same with pure-Python asyncio: the oracle blocks
                            the C accelerator (sys.modules["_asyncio"] = None)
                            before importing asyncio, checks that Task/Future
                            are tasks._PyTask/futures._PyFuture, and the report
                            says so ("asyncio: pure-Python"); of 358: 3.11
                            330 pass, 3.12 345, 3.13 352, 0 fail, the rest skip
    cpython-system          Debian's /usr/bin/python3 (bookworm: 3.11.2),
                            virtual time; profile 3.11; 323 pass, 7 expected
                            failures (asyncio.timeout bugs fixed in 3.11.3),
                            28 skip
    pyodide-3.13/3.14       Pyodide on Node, virtual time; lacks "threads"
    micropython             MicroPython 1.27 (WebAssembly, npm) on Node, virtual
                            time (a frozen JS clock); profile 3.11; supports
                            only gather, wait-for, lock, event
    uvloop                  uvloop 0.17 on the system Python (Debian 3.11.2),
                            real time, profile 3.11
    gbulb                   gbulb 0.6.3 (GLib event loop, python3-gbulb, installed
                            when missing) on the system Python, real time,
                            profile 3.11; 318 pass, 12 expected failures,
                            28 skip of 358
    asyncio-real            stock asyncio of the running Python in real time
                            (calibrates the real-time noise)
    pypy3                   Debian's PyPy 7.3.11 (Python 3.9), virtual time,
                            compared with 3.11 (the oldest recorded); what it
                            lacks is SKIP: features asked of it, and scenarios
                            using an asyncio name or Task method it has not
                            (the oracle's SKIP_MISSING_API_ENV); 186 pass,
                            28 expected failures (Python 3.9 semantics, the
                            same on CPython 3.9.18), 144 skip of 358
    --loop-factory M:C      any loop factory, real time, on --python (default:
                            the interpreter running the harness)
    --impl-command CMD      any executable speaking the runner protocol
                            (conformance/PROTOCOL.md): `CMD --describe` gives
                            its name, profile and features; the scenarios run
                            with `CMD --bundle B --ids-from F` (one process per
                            shard, B written for this run alone); a scenario
                            that hangs costs one --timeout, one after which
                            the process died is re-run alone with `--id ID`
                            (runtimes.CommandProcess)

Expectations: `--impl NAME` applies spec/expectations/NAME.toml (uvloop,
gbulb, cpython-system, pypy3, micropython; the reference:
conformance/expectations/reference.toml) when --expectations is not given;
the report's header names the file and why. --expectations F wins.

Each implementation declares a profile (the expected version it is compared
with) and its unsupported features; a scenario needing one of them, or not
recorded for the profile, is SKIP. A scenario the spec got wrong (its file
cannot be read or, for a runner that needs IR, the compiler rejects it) is
`spec-error`: in every report, never the implementation's failure, exit 2.

Real time: 1 virtual second = SCALE real seconds (default 0.2: a sleep(1)
takes 200 ms). Order is compared exactly, times with an absolute + relative
tolerance (default 0.15 virtual s = 30 ms real, + 2 %). A scenario lasting more than
MAX_REAL_SECONDS at that scale runs at a proportionally smaller scale, with
the absolute tolerance enlarged by the same factor.
"""

import concurrent.futures
import datetime
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

from .. import EXIT_GREEN, EXIT_RED, EXIT_USAGE, SUITE_VERSION, ConfigError, paths, runtimes
from . import expectations as expectations_mod
from ..spec import expected as expected_mod
from ..trace import matcher
from . import reports
from ..spec import scenarios as scenarios_mod

DEFAULT_SCALE = 0.2
DEFAULT_TIME_ABS = 0.15
DEFAULT_TIME_REL = 0.02
# Real time: a scenario whose expected trace lasts longer than this many real
# seconds at the chosen scale runs at a smaller scale (tolerances scaled up
# alike), so `sleep(1000)` does not cost 100 s.
MAX_REAL_SECONDS = 10.0
# Real time: wall-clock limit per scenario = REAL_TIMEOUT + 3 x its expected duration.
REAL_TIMEOUT = 10.0

IMPLEMENTATIONS = {
    "reference": "the reference (C++) through its runner, asyncspec-runner-reference (the default)",
    "cpython-3.11": "pyenv CPython 3.11, virtual time",
    "cpython-3.12": "pyenv CPython 3.12, virtual time",
    "cpython-3.13": "pyenv CPython 3.13, virtual time",
    "cpython-3.11-pure": "pyenv CPython 3.11, pure-Python asyncio (_asyncio blocked: _PyTask, _PyFuture), virtual time",
    "cpython-3.12-pure": "pyenv CPython 3.12, pure-Python asyncio (_asyncio blocked: _PyTask, _PyFuture), virtual time",
    "cpython-3.13-pure": "pyenv CPython 3.13, pure-Python asyncio (_asyncio blocked: _PyTask, _PyFuture), virtual time",
    "cpython-system": "Debian's /usr/bin/python3 (bookworm: 3.11.2), virtual time",
    "pyodide-3.13": "Pyodide 0.29.5 (CPython 3.13.2) on Node, virtual time",
    "pyodide-3.14": "Pyodide 314.0.7 (CPython 3.14.2) on Node, virtual time",
    "micropython": "MicroPython 1.27.0 (WebAssembly port) on Node, virtual time",
    "uvloop": "uvloop on the system Python (python3-uvloop), real time",
    "gbulb": "gbulb (GLib event loop) on the system Python (python3-gbulb), real time",
    "pypy3": "PyPy (Debian's pypy3: 7.3.11, Python 3.9), virtual time, compared with 3.11",
    "asyncio-real": "stock asyncio of the running Python, real time",
}


def _log(msg):
    print(msg, file=sys.stderr, flush=True)


def resolve(impl=None, loop_factory=None, python=None, install=True, log=_log, impl_command=None, profile=None):
    """-> Runtime for an implementation name, a loop factory or a runner command
    (given `profile`, a runner that declares it runs with --profile)."""
    if impl_command:
        from ..spec import clauses as clauses_mod

        return runtimes.command_runtime(impl_command, clauses_mod.load_features(), profile)
    if loop_factory:
        exe = python or sys.executable
        # The factory's module is looked up in the caller's directory first.
        return runtimes.real_runtime(f"loop-factory:{loop_factory}", exe, loop_factory, import_dir=Path.cwd())
    if impl is None:
        raise runtimes.RuntimeUnavailable("give --impl NAME or --loop-factory MODULE:CALLABLE")
    if impl == "reference":
        from ..spec import clauses as clauses_mod

        return runtimes.command_runtime(paths.reference_runner(), clauses_mod.load_features(), profile)
    if impl == "cpython-system":
        return runtimes.system_cpython_runtime()
    if impl.startswith("cpython-") and impl.endswith("-pure"):
        return runtimes.cpython_runtime(impl[len("cpython-"):-len("-pure")], pure=True)
    if impl.startswith("cpython-"):
        return runtimes.cpython_runtime(impl.split("-", 1)[1])
    if impl.startswith("pyodide-"):
        return runtimes.pyodide_runtime(impl.split("-", 1)[1], install=install, log=log)
    if impl == "micropython":
        from ..spec import clauses as clauses_mod

        return runtimes.micropython_runtime(clauses_mod.load_features(), install=install, log=log)
    if impl == "uvloop":
        exe = python or runtimes.uvloop_python(install=install, log=log)
        return runtimes.real_runtime("uvloop", exe, "uvloop:new_event_loop")
    if impl == "gbulb":
        exe = python or runtimes.gbulb_python(install=install, log=log)
        return runtimes.real_runtime("gbulb", exe, runtimes.GBULB_LOOP_FACTORY)
    if impl == "pypy3":
        return runtimes.pypy_runtime(install=install, log=log)
    if impl == "asyncio-real":
        return runtimes.real_runtime("asyncio-real", python or sys.executable, "asyncio:new_event_loop")
    raise runtimes.RuntimeUnavailable(f"unknown implementation {impl!r} (known: {', '.join(IMPLEMENTATIONS)})")


def default_expectations(impl):
    """The expectation file `check --impl IMPL` applies when --expectations is
    not given: the reference's (conformance/expectations/reference.toml), else
    spec/expectations/IMPL.toml when there is one (uvloop, gbulb,
    cpython-system, pypy3, micropython); None for the others."""
    if impl == "reference":
        return paths.REFERENCE_EXPECTATIONS
    if impl in IMPLEMENTATIONS:
        p = paths.EXPECTATIONS_DIR / f"{impl}.toml"
        if p.is_file():
            return p
    return None


def asyncio_description(kinds):
    """The oracle processes' "asyncio" answers (a set of "pure"/"c") -> the
    report's line, None when no process said."""
    if not kinds:
        return None
    if kinds == {"pure"}:
        return "pure-Python: asyncio.Task is tasks._PyTask, asyncio.Future is futures._PyFuture"
    if kinds == {"c"}:
        return None
    return "mixed: " + ", ".join(sorted(kinds))


def load_expected_docs(scenarios, expected_dir=None):
    docs = {}
    for sc in scenarios:
        p = expected_mod.expected_path(sc.id, expected_dir)
        try:
            docs[sc.id] = expected_mod.load(p)
        except (OSError, ValueError):
            docs[sc.id] = None
    return docs


def plan(scenarios, runtime, profile, docs):
    """-> list of (scenario, expected trace or None, skip reason or None)."""
    out = []
    for sc in scenarios:
        if not sc.applies_to(profile):
            rng = " and ".join(x for x in (sc.min_version and f">= {sc.min_version}",
                                           sc.max_version and f"<= {sc.max_version}") if x)
            out.append((sc, None, f"needs Python {rng}, profile is {profile}"))
            continue
        if not runtime.supports(sc.features):
            out.append((sc, None, f"unsupported feature(s): {', '.join(runtime.missing(sc.features))}"))
            continue
        doc = docs.get(sc.id)
        if doc is None:
            out.append((sc, None, "no expected trace recorded (run record)"))
            continue
        trace = expected_mod.trace_for(doc, profile)
        if trace is None:
            out.append((sc, None, f"no expected trace for profile {profile}"))
            continue
        out.append((sc, trace, None))
    return out


def _write_bundle(scenarios, directory, expected_dir=None, clauses_dir=None):
    """The bundle of `scenarios` for a runner-protocol command, in a file of
    this run's own `directory` (parallel runs never share one); -> (path,
    {id: bundle entry})."""
    from ..spec import bundle as bundle_mod

    doc = bundle_mod.build(scenarios, expected_dir, clauses_dir)
    path = Path(directory) / "asyncspec-bundle.json"
    path.write_text(json.dumps(doc, sort_keys=True) + "\n", encoding="utf-8")
    return path, {e["id"]: e for e in doc["scenarios"]}


def result_of(res, trace, sc, tol):
    """A runtime's answer (oracle or runner protocol) -> the report fields:
    status pass | fail | hang | skip | crash | error, and what explains it."""
    r = {}
    st = res.get("status")
    if st == "ok":
        m = matcher.match(trace, res["trace"], sc.unordered, tol)
        if m.ok:
            r["status"] = "pass"
        else:
            r["status"] = "fail"
            r["divergence"] = m.divergence.as_dict()
            r["divergence_text"] = m.divergence.format(sc.relpath)
    elif st == "skip":
        r["status"] = "skip"
        r["skip_reason"] = res.get("skip_reason", "skipped by the implementation")
    elif st in ("hang", "crash", "error"):
        # error: the runtime could not run the scenario (its own verdict);
        # crash: it misbehaved or died; hang: a watchdog or the wall clock.
        r["status"] = st
        r["error"] = res.get("error", "")
    else:
        r["status"] = "crash"
        r["error"] = f"unknown status {st!r} in {json.dumps(res)[:200]}"
    if res.get("loop_errors"):
        r["loop_errors"] = [str(e) for e in res["loop_errors"]]
    return r


def run_check(scenarios, runtime, profile, expected_dir=None, jobs=None, scale=None, time_tol=None,
              timeout=None, progress=True, docs=None, broken=(), clauses_dir=None, seen=None):
    """Run every applicable scenario; -> (results in id order, python full
    version, time tolerance, scale). `broken`: BrokenScenarios of the
    selection, reported `spec-error`. A runner-protocol command needs IR:
    a scenario the compiler rejects is a spec-error too, never sent.
    `seen`, a dict, gets "asyncio": the set of what the oracle processes'
    ready lines said of their asyncio ("pure" or "c")."""
    real = runtime.mode == "real"
    scale = scale or DEFAULT_SCALE
    tol = tolerance_for(runtime, time_tol)
    jobs = jobs or (1 if real else 2)
    results = {b.id: b.result() for b in broken}
    with tempfile.TemporaryDirectory(prefix="asyncspec-check-") as workdir:
        bundle_path = None
        if runtime.kind == "command" and scenarios:
            bundle_path, entries = _write_bundle(scenarios, workdir, expected_dir, clauses_dir)
            for sc in scenarios:
                if entries[sc.id].get("ir") is None:
                    results[sc.id] = sc.broken(entries[sc.id]["ir_error"]).result()
        runnable = [sc for sc in scenarios if sc.id not in results]
        docs = docs if docs is not None else load_expected_docs(runnable, expected_dir)
        python = _run_planned(plan(runnable, runtime, profile, docs), runtime, results, bundle_path, real, scale,
                              tol, jobs, timeout, progress, seen)
    ordered = [results[i] for i in sorted(results)]
    return ordered, python, tol, scale


def scenario_base(sc):
    """The report fields every result of scenario `sc` starts with."""
    return {"id": sc.id, "area": sc.area, "file": sc.relpath, "clauses": sc.clauses, "features": sc.features}


def run_scenario(proc, runtime, sc, trace, base, real, scale, tol, timeout=None):
    """Run one planned scenario (its expected `trace`) through an open process
    of `runtime` (OracleProcess or CommandProcess); -> its result (the
    report's fields, `base` first). Real time: a long scenario runs at a
    smaller scale, its absolute tolerance enlarged alike."""
    t_end = max([e.get("t", 0.0) for e in trace] + [0.0])
    sc_scale, sc_tol = scale, tol
    if real and t_end * scale > MAX_REAL_SECONDS:
        sc_scale = MAX_REAL_SECONDS / t_end
        sc_tol = matcher.TimeTolerance(tol.abs * scale / sc_scale, tol.rel)
    limit = timeout or ((REAL_TIMEOUT + 3 * sc_scale * t_end) if real else runtimes.DEFAULT_TIMEOUT)
    req = runtimes.request_for(sc, runtime, sc_scale if real else None)
    t0 = time.monotonic()
    try:
        res = proc.run(req, timeout=limit)
    except runtimes.RuntimeUnavailable as exc:
        res = {"status": "crash", "error": str(exc)}
    seconds = res.get("seconds") if isinstance(res.get("seconds"), (int, float)) else None
    r = dict(base, seconds=round(seconds if seconds is not None else time.monotonic() - t0, 4))
    if real and sc_scale != scale:
        r["scale"] = sc_scale
    r.update(result_of(res, trace, sc, sc_tol))
    return r


def time_tolerance_option(time_abs=None, time_rel=None):
    """--time-abs/--time-rel -> the (abs, rel) pair run_check takes, the
    other one's default filled in; None when neither is given (the defaults)."""
    if time_abs is None and time_rel is None:
        return None
    return (DEFAULT_TIME_ABS if time_abs is None else time_abs, DEFAULT_TIME_REL if time_rel is None else time_rel)


def tolerance_for(runtime, time_tol=None):
    """The time tolerance of a run: `time_tol` (abs, rel) when given, else the
    real-time default for a real loop, exact virtual time otherwise."""
    if time_tol is not None:
        return matcher.tolerance(time_tol)
    return matcher.TimeTolerance(DEFAULT_TIME_ABS, DEFAULT_TIME_REL) if runtime.mode == "real" else matcher.VIRTUAL


def _run_planned(planned, runtime, results, bundle_path, real, scale, tol, jobs, timeout, progress, seen=None):
    """Run the planned scenarios, results into `results`; -> the runtime's full version."""
    todo = []
    for sc, trace, why in planned:
        base = scenario_base(sc)
        if why:
            results[sc.id] = dict(base, status="skip", skip_reason=why)
        else:
            todo.append((sc, trace, base))
    total = len(todo)
    state = {"done": 0, "python": None, "counts": {}}
    tty = progress and sys.stderr.isatty()

    def tick(status):
        state["done"] += 1
        state["counts"][status] = state["counts"].get(status, 0) + 1
        if not progress:
            return
        n = state["done"]
        c = state["counts"]
        msg = f"[{n}/{total}] " + " ".join(f"{k} {c[k]}" for k in reports.STATUSES if c.get(k) and k != "skip")
        if tty:
            print("\r" + msg + " " * 10, end="", file=sys.stderr, flush=True)
        elif n % 25 == 0 or n == total:
            print(msg, file=sys.stderr, flush=True)

    def work(shard):
        out = {}
        if runtime.kind == "command":
            proc_cm = runtimes.CommandProcess(runtime, bundle_path)
        else:
            proc_cm = runtimes.OracleProcess(runtime)
        with proc_cm as proc:
            # --timeout is per scenario, also inside a runner's shard.
            proc.prefetch([sc.id for sc, _, _ in shard], timeout or runtimes.DEFAULT_TIMEOUT)
            for sc, trace, base in shard:
                r = run_scenario(proc, runtime, sc, trace, base, real, scale, tol, timeout)
                if proc.python:
                    state["python"] = proc.python
                if getattr(proc, "asyncio", None) and seen is not None:
                    seen.setdefault("asyncio", set()).add(proc.asyncio)
                out[sc.id] = r
                tick(r["status"])
        return out

    shards = [todo[i::jobs] for i in range(jobs)] if todo else []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(shards))) as pool:
        for out in pool.map(work, [s for s in shards if s]):
            results.update(out)
    if tty:
        print("", file=sys.stderr)
    return state["python"]


def select(args, features=None):
    """The scenarios and BrokenScenarios `check` (--list) selects; ConfigError when none."""
    all_scs, broken = scenarios_mod.load_suite(args.scenarios)
    shard = scenarios_mod.parse_shard(args.shard) if args.shard else None
    for f in args.feature or ():
        if features is not None and f not in features:
            raise ConfigError(f"nothing matched --feature {f}: no such feature in spec/features.toml "
                              f"(known: {', '.join(sorted(features))})")
    picked = scenarios_mod.require_selection(
        scenarios_mod.select(all_scs + broken, args.filter, args.clause or (), args.feature or (), shard), args)
    return ([s for s in picked if not isinstance(s, scenarios_mod.BrokenScenario)],
            [s for s in picked if isinstance(s, scenarios_mod.BrokenScenario)], all_scs, broken)


def listing(selected, broken):
    """--list: the selected scenarios as JSON (nothing runs)."""
    out = []
    for s in sorted(list(selected) + list(broken), key=lambda s: s.id):
        item = {"id": s.id, "area": s.area, "file": s.relpath, "clauses": s.clauses, "features": s.features}
        if isinstance(s, scenarios_mod.BrokenScenario):
            item["spec_error"] = s.error
        out.append(item)
    return {"count": len(out), "scenarios": out}


def exit_code(results, evaluation=None):
    """EXIT_USAGE on a spec error; else EXIT_RED when the implementation
    failed (or, with expectations, when the evaluation is red); else EXIT_GREEN."""
    if any(r["status"] == reports.SPEC_ERROR for r in results):
        return EXIT_USAGE
    if evaluation is not None:
        return EXIT_RED if evaluation.red else EXIT_GREEN
    return EXIT_RED if any(r["status"] in reports.RED_STATUSES for r in results) else EXIT_GREEN


def main(args):
    from ..spec import clauses as clauses_mod

    clauses_mod.require_registry(args.clauses)
    features = clauses_mod.load_features()
    selected, broken, all_scs, all_broken = select(args, features)
    if args.list:
        print(json.dumps(listing(selected, broken), indent=1))
        return EXIT_GREEN
    if not (args.impl or args.loop_factory or args.impl_command):
        args.impl = "reference"     # the default implementation, with its known failures
    expectations_reason = "--expectations" if args.expectations is not None else None
    if args.expectations is None and not (args.loop_factory or args.impl_command):
        args.expectations = default_expectations(args.impl)
        if args.expectations is not None:
            expectations_reason = f"the default for --impl {args.impl}"
    exp = expectations_mod.load(args.expectations) if args.expectations else None
    runtime = resolve(args.impl, args.loop_factory, args.python, impl_command=args.impl_command,
                      profile=args.profile)
    profile = args.profile or runtime.version
    profile_reason = "--profile" if args.profile else runtime.profile_reason
    time_tol = time_tolerance_option(args.time_abs, args.time_rel)
    t0 = time.monotonic()
    seen = {}
    results, python, tol, scale = run_check(
        selected, runtime, profile, expected_dir=args.expected, jobs=args.jobs, scale=args.scale,
        time_tol=time_tol, timeout=args.timeout, progress=not args.quiet, broken=broken, clauses_dir=args.clauses,
        seen=seen)
    asyncio_impl = asyncio_description(seen.get("asyncio"))
    run_info = {
        "implementation": runtime.name,
        "version": python,
        "profile": profile,
        "profile_reason": profile_reason,
        "suite_version": SUITE_VERSION,
        "time": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "mode": runtime.mode,
        "time_tolerance": {"abs": tol.abs, "rel": tol.rel},
        "unsupported_features": sorted(runtime.unsupported),
        "seconds": round(time.monotonic() - t0, 2),
        "platform": platform.platform(),
        "filter": args.filter,
    }
    for key in ("label", "clause", "feature", "shard"):
        if getattr(args, key, None):
            run_info[key] = getattr(args, key)
    if asyncio_impl:
        run_info["asyncio"] = asyncio_impl
    if runtime.mode == "real":
        run_info["scale"] = scale
        run_info["loop_factory"] = runtime.loop_factory
    evaluation = None
    if exp is not None:
        run_info["expectations"] = str(args.expectations)
        run_info["expectations_reason"] = expectations_reason
        # A spec error is not the implementation's: nothing to expect of it.
        judged = {r["id"]: r["status"] for r in results if r["status"] != reports.SPEC_ERROR}
        evaluation = expectations_mod.evaluate(exp, judged, {s.id for s in all_scs + all_broken})
        for r in results:
            o = evaluation.by_id().get(r["id"])
            if o is not None and o.verdict != "ok":
                r["expectation"] = {"verdict": o.verdict, "message": o.message}
    reports.terminal(run_info, results, evaluation, verbose=args.verbose)
    print(f"({run_info['seconds']:.1f} s)")
    clean = [{k: v for k, v in r.items() if k != "divergence_text"} for r in results]
    if args.json:
        reports.write_json(args.json, run_info, clean, evaluation)
    if args.junit:
        reports.write_junit(args.junit, run_info, results, evaluation)
    return exit_code(results, evaluation)


def run_one(args):
    """Print the trace of one scenario file (default: virtual time on the
    pyenv CPython of the running interpreter's version)."""
    impl = args.impl
    if impl is None and not args.loop_factory:
        impl = "cpython-%d.%d" % sys.version_info[:2]
    runtime = resolve(impl, args.loop_factory, args.python)
    try:
        sc = scenarios_mod.parse_scenario(args.file)
        req = runtimes.request_for(sc, runtime, args.scale)
    except scenarios_mod.HeaderError as exc:
        print(f"warning: {exc}", file=sys.stderr)
        req = {"file": paths.rel(args.file), "source": Path(args.file).read_text(encoding="utf-8"),
               "mode": runtime.mode, "loop_factory": runtime.loop_factory}
    with runtimes.OracleProcess(runtime) as proc:
        res = proc.run(req)
    print(f"# {runtime.name} (Python {res.get('python')}): {res.get('status')}")
    if res.get("status") != "ok":
        print(res.get("error"))
        return 1
    for e in res["trace"]:
        print(matcher.format_event(e) + (f"    # line {e['line']}" if "line" in e else ""))
    return 0


def list_impls(args):
    w = max(len(n) for n in list(IMPLEMENTATIONS) + ["--loop-factory"])
    for name, desc in IMPLEMENTATIONS.items():
        try:
            rt = resolve(name, install=False, log=None)
            shown = rt.kind != "cpython" or not name.startswith("cpython-3.")
            where = f"available: {rt.argv[0]}" + (f" (Python {rt.version})" if shown else "")
        except runtimes.RuntimeUnavailable as exc:
            where = f"unavailable: {exc}"
        except Exception as exc:  # noqa: BLE001
            where = f"unavailable: {exc}"
        print(f"{name:{w}s} {desc}\n{'':{w}s} {where}")
        exp = default_expectations(name)
        if exp is not None:
            print(f"{'':{w}s} expectations by default: {paths.rel(exp)}")
    print(f"{'--loop-factory':{w}s} MODULE:CALLABLE on --python (default {sys.executable}), real time")
    return 0
