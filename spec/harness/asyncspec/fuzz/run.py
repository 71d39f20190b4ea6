"""Differential fuzzing: random scenario programs run on a runner-protocol
implementation (default: the reference's asyncspec-runner-reference) in a
profile (a Python version: 3.11, 3.12, 3.13 or 3.14) and on that version's
interpreter (runtimes/oracle.py), traces compared with trace/matcher.py. A
divergence is shrunk (delta debugging over the program tree, shrink.py) and
written out as a scenario file.

    ./asyncspec fuzz [--profile 3.X] [--runner BIN] [--programs N] [--seed S]
        [--json FILE] [--out DIR] [--python PY] [--batch 250] [--no-shrink]

The profile (default: the runner's own, `--describe`) picks both sides: the
runner gets `--profile 3.X` (a runner declaring that profile, conformance/
PROTOCOL.md), the oracle is CPython 3.X (pyenv, runtimes/pythons.py; 3.14:
Pyodide on Node, as `record` runs it: runtimes.oracle_runtime), and the
generator leaves out the constructs that Python lacks (a construct whose
clauses, grammar.CONSTRUCT_CLAUSES, do not hold in the version:
Queue.shutdown before 3.13).

Both sides run through the harness's process clients (runtimes/process.py):
CPython in one OracleProcess (restarted after a crash or hang), the runner
through a CommandProcess over one bundle per batch (a program whose result
does not come within HANG_SECONDS hung; a process that dies costs the program
whose result was due). Seeds: program i of a run uses seed S*1000003 + i, so
any program is reproducible alone (--only-seed).
"""

import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from .. import ConfigError, paths, runtimes
from ..ir import compiler
from ..spec import changelog, clauses
from ..trace import matcher
from . import shrink
from .generate import generate
from .grammar import CONSTRUCT_CLAUSES, CONSTRUCT_FEATURES
from .program import constructs, features_of, size
from .render import render

AREA_PRIORITY = ("taskgroup", "timeout", "wait_for", "shield", "gather")
# A program using a primitive is filed under the primitive's area (the most
# specific construct it has).
PRIMITIVE_AREAS = (("Queue", "queue"), ("Condition", "condition"), ("Semaphore", "semaphore"),
                   ("BoundedSemaphore", "semaphore"), ("Event", "event"), ("Lock", "lock"))


# A runner's result is due within this many seconds of the previous one.
HANG_SECONDS = 5.0
# How long a runner that cannot be started (being rebuilt) is waited for.
RUNNER_WAIT = 120.0
ORACLE_TIMEOUT = 30.0


def oracle_runtime(profile, python=None):
    """The interpreter of Python `profile` serving the oracle: --python (asked
    its version), $ASYNCSPEC_PY3X (e.g. ASYNCSPEC_PY313), the pyenv build or a
    system one; else the recording oracle of that version
    (runtimes.oracle_runtime: Pyodide on Node for 3.14)."""
    if python:
        found = runtimes.python_version_of(python)
        if found != profile:
            raise ConfigError(f"fuzz: --python {python} is Python {found}, not {profile} (--profile)")
        return runtimes.cpython_runtime(profile, python)
    env_var = "ASYNCSPEC_PY" + profile.replace(".", "")
    if profile in runtimes.PYENV_VERSIONS:
        exe = runtimes.pythons.find_python(profile, env_var=env_var)
        if exe is not None:
            return runtimes.cpython_runtime(profile, exe)
    try:
        return runtimes.oracle_runtime(profile)
    except runtimes.RuntimeUnavailable as exc:
        raise runtimes.RuntimeUnavailable(f"fuzz: no oracle for Python {profile} ({exc}; "
                                          f"set {env_var} or pass --python)") from None


def oracle_name(runtime, python):
    """"CPython 3.11.7" or "Pyodide CPython 3.14.2"."""
    return ("Pyodide " if runtime.kind == "pyodide" else "") + f"CPython {python}"


def lacking_constructs(profile, registry):
    """{construct: [clause ids not holding in `profile`]}: what Python
    `profile` lacks (a construct is generated only where every clause it
    touches holds)."""
    out = {}
    for construct, ids in CONSTRUCT_CLAUSES.items():
        missing = [cid for cid in ids if cid in registry and not changelog.holds_in(registry[cid].versions, profile)]
        if missing:
            out[construct] = missing
    return out


def min_version_of(prog, registry):
    """The oldest version every clause of the program holds in (None: the oldest known)."""
    _, ids = features_of(prog)
    lows = [changelog.versions_of(registry[cid].versions)[0] for cid in ids
            if cid in registry and changelog.versions_of(registry[cid].versions)]
    low = max(lows, key=lambda v: tuple(map(int, v.split("."))), default=None)
    return low if low and low != runtimes.ORACLE_VERSIONS[0] else None


class Oracle:
    """CPython over OracleProcess: answers by tag, computed in a thread while
    this process compiles the same programs to IR."""

    def __init__(self, runtime):
        self.process = runtimes.OracleProcess(runtime)
        self.process.start()
        self.version = self.process.python or "?"

    def run_many(self, requests):
        """[(tag, source)] -> {tag: response}"""
        return {tag: self.process.run({"id": tag, "file": f"fuzz/{tag}.py", "source": src, "mode": "virtual"},
                                      timeout=ORACLE_TIMEOUT)
                for tag, src in requests}

    def start_many(self, requests):
        """Send requests and collect the answers in a thread: -> join() -> {tag: response}"""
        box = {}
        th = threading.Thread(target=lambda: box.update(self.run_many(requests)))
        th.start()

        def join():
            th.join()
            return box
        return join

    def close(self):
        self.process.close()


class Runner:
    """A runner-protocol executable over CommandProcess, one bundle per batch,
    in `profile` (None: its own): run with `--profile` when it declares that
    profile (runtimes.command_runtime); ConfigError when it cannot run it."""

    def __init__(self, command, tmpdir, profile=None):
        self.runtime = runtimes.command_runtime(command, [], profile)
        self.describe = runtimes.describe_command(self.runtime.argv)
        if profile and self.describe["profile"] != profile:
            raise ConfigError(f"fuzz: the runner {command[0]} runs profile {self.describe['profile']} and declares "
                              f"no profile {profile} (its --describe profiles: "
                              f"{', '.join(self.describe.get('profiles', [])) or 'none'})")
        self.features = self.describe.get("features", [])
        self.tmpdir = tmpdir

    def collect(self, items):
        """[(tag, ir)] -> {tag: result}. A runner that cannot be started (its
        binary being rebuilt: missing, or not executable yet) is waited for
        up to RUNNER_WAIT seconds and the batch run again; then it is a
        configuration error (RuntimeUnavailable), never a batch of crashes."""
        results = self._collect(items)
        deadline = time.monotonic() + RUNNER_WAIT
        while any(r.get("error", "").startswith("cannot run the runner") for r in results.values()):
            if time.monotonic() > deadline:
                why = next(r["error"] for r in results.values() if r.get("error", "").startswith("cannot run"))
                raise runtimes.RuntimeUnavailable(f"fuzz: {why} (waited {RUNNER_WAIT:.0f} s)")
            time.sleep(2)
            try:
                runtimes.describe_command(self.runtime.argv)
            except runtimes.RuntimeUnavailable:
                continue
            results = self._collect(items)
        return results

    def _collect(self, items):
        bundle = {"bundle_version": 1, "suite_version": "fuzz", "ir_version": compiler.IR_VERSION, "features": {},
                  "clauses": [], "scenarios": [{"id": tag, "area": "fuzz", "file": f"fuzz/{tag}.py", "features": [],
                                                "ir": ir} for tag, ir in sorted(items, key=lambda x: x[0])]}
        path = Path(self.tmpdir) / f"bundle-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}.json"
        path.write_text(json.dumps(bundle))
        try:
            proc = runtimes.CommandProcess(self.runtime, path)
            proc.prefetch([tag for tag, _ in items], HANG_SECONDS)
            return proc.cache
        finally:
            path.unlink(missing_ok=True)


def compare(oracle_resp, runner_resp):
    """-> (verdict, detail): verdict in ok | invalid | divergence"""
    if oracle_resp is None:
        return "invalid", "oracle gave no answer"
    os_, rs = oracle_resp.get("status"), (runner_resp or {}).get("status", "crash")
    if os_ == "error":
        return "invalid", oracle_resp.get("error", "")
    if os_ == "hang" and rs == "hang":
        # Both deadlocked (nothing ready, no timer): the same point of the
        # program, so the events before it must agree. Step or time limits
        # stop at different points: only the status is compared then.
        if (oracle_resp.get("error", "").startswith("deadlock") and "nothing to do" in runner_resp.get("error", "")
                and "trace" in oracle_resp and "trace" in runner_resp):
            m = matcher.match(oracle_resp["trace"], runner_resp["trace"])
            if not m:
                return "divergence", m.divergence.as_dict()
        return "ok", "both hang"
    if (os_ == "hang" and rs == "ok" and "deadlock" in oracle_resp.get("error", "")
            and runner_resp.get("trace") and "end" in runner_resp["trace"][-1]
            and oracle_resp.get("trace") and "end" in oracle_resp["trace"][-1]):
        # main ended on both sides and CPython's asyncio.run cleanup then
        # deadlocked (a leftover task awaits forever): outside the trace (the
        # reference's runner gives up on a stalled cleanup); the traces up to
        # there must agree.
        m = matcher.match(oracle_resp["trace"], runner_resp["trace"])
        if not m:
            return "divergence", m.divergence.as_dict()
        return "cleanup_hang", "CPython deadlocks in the asyncio.run cleanup, after the trace"
    if os_ != rs:
        return "divergence", {"kind": "status", "expected": os_, "actual": rs,
                              "message": (runner_resp or {}).get("error", "")}
    m = matcher.match(oracle_resp["trace"], runner_resp["trace"])
    if m:
        return "ok", ""
    return "divergence", m.divergence.as_dict()


def render_tagged(prog, tag):
    return render(prog, f"fuzz.{tag}")


class Evaluator:
    def __init__(self, oracle, runner):
        self.oracle = oracle
        self.runner = runner
        self.runs = 0

    def evaluate(self, progs):
        """progs: [(tag, prog)] -> {tag: (verdict, detail, ties, oracle_resp, runner_resp)}
        CPython runs the sources while this process compiles them to IR."""
        results = {}
        sources = [(tag, render_tagged(prog, tag)) for tag, prog in progs]
        oracle_join = self.oracle.start_many(sources)
        items = []
        for tag, src in sources:
            try:
                items.append((tag, compiler.compile_source(src, f"fuzz/{tag}.py")))
            except Exception as exc:  # noqa: BLE001 - a generator bug: report as invalid
                results[tag] = ("invalid", f"compile: {exc}", False, None, None)
        rresp = self.runner.collect(items) if items else {}
        oresp = oracle_join()
        for tag, _ in items:
            o, r = oresp.get(tag), rresp.get(tag)
            verdict, detail = compare(o, r)
            ties = bool(o and o.get("ties"))
            results[tag] = (verdict, detail, ties, o, r)
        self.runs += len(items)
        return results


def area_of(prog):
    used = {c.split("(")[0] for c in constructs(prog)}
    for construct, area in PRIMITIVE_AREAS:
        if construct in used:
            return area
    for a in AREA_PRIORITY:
        if a in used:
            return a
    return "cancel" if used & {"cancel", "selfcancel", "uncancel", "selfuncancel", "fut_cancel"} else "tasks"


def write_scenario(prog, seed, detail, outdir, runner_name, profile="3.13", oracle="CPython 3.13",
                   min_version=None):
    area = area_of(prog)
    src0 = render(prog, "x")
    digest = hashlib.sha1(src0.encode()).hexdigest()[:8]
    sid = f"{area}.fuzz-{digest}"
    desc = (f"Found by ./asyncspec fuzz --profile {profile} (seed {seed}): {runner_name} diverged from {oracle} "
            f"({detail.get('kind', '?') if isinstance(detail, dict) else detail}). Shrunk program.")
    src = render(prog, sid, description=desc, min_version=min_version)
    d = Path(outdir) / area
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"fuzz-{digest}.py"
    path.write_text(src)
    return str(path), sid, src


def add_arguments(ap):
    """The options of `asyncspec fuzz` (cli.py)."""
    ap.add_argument("--profile", choices=runtimes.ORACLE_VERSIONS,
                    help="the Python version: the runner runs in it (--profile), the oracle is that Python "
                         "(3.14: Pyodide on Node), programs use only what it has (default: the runner's profile)")
    ap.add_argument("--runner", help="runner-protocol executable (a command line, split on spaces; default: "
                                     f"the reference's runner, ${paths.REFERENCE_RUNNER_ENV})")
    ap.add_argument("--programs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-seed", type=int, help="run just this program seed (verbose)")
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--json", help="write the report here")
    ap.add_argument("--out", default=str(paths.REPO_DIR / "out" / "fuzz"), help="where shrunk divergences are written")
    ap.add_argument("--python", help="the oracle's CPython (of the profile's version)")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--max-divergences", type=int, default=5, help="shrink at most this many (the rest are counted)")
    ap.add_argument("--features", help="comma-separated features to generate for (default: the runner's)")
    ap.add_argument("--quiet", action="store_true")


def main(args):
    """`asyncspec fuzz`: 0 when no program diverged and none was invalid."""

    tmpdir = tempfile.mkdtemp(prefix="asyncspec-fuzz-")
    t0 = time.monotonic()
    try:
        runner = Runner((args.runner or str(paths.reference_runner())).split(), tmpdir, args.profile)
        profile = runner.describe["profile"]
        if profile not in runtimes.ORACLE_VERSIONS:
            raise ConfigError(f"fuzz: the runner's profile {profile} has no oracle "
                              f"(--profile {'|'.join(runtimes.ORACLE_VERSIONS)})")
        registry = clauses.require_registry(getattr(args, "clauses", None))
        lacking = lacking_constructs(profile, registry)
        oracle = Oracle(oracle_runtime(profile, args.python))
        oname = oracle_name(oracle.process.runtime, oracle.version)
        ev = Evaluator(oracle, runner)
        features = args.features.split(",") if args.features else runner.features
        features = [f for f in features if f]
        runner_name = runner.describe.get("implementation", "runner")

        def gen(seed):
            return generate(seed, features, exclude=lacking)

        if args.only_seed is not None:
            prog = gen(args.only_seed)
            print(render(prog, f"fuzz.s{args.only_seed}"))
            res = ev.evaluate([(f"s{args.only_seed}", prog)])[f"s{args.only_seed}"]
            print(json.dumps({"verdict": res[0], "detail": res[1], "ties": res[2],
                              "oracle": res[3], "runner": res[4]}, indent=1))
            return 0 if res[0] != "divergence" else 1

        counts = {"ok": 0, "invalid": 0, "divergence": 0, "tie_divergence": 0, "cleanup_hang": 0, "flaky": 0}
        distribution = {}
        programs_with = {}
        divergences = []
        invalid_examples = []
        flaky_examples = []
        done = 0
        base = args.seed * 1000003
        while done < args.programs:
            n = min(args.batch, args.programs - done)
            batch = []
            for i in range(done, done + n):
                seed = base + i
                prog = gen(seed)
                batch.append((f"s{seed}", prog))
                for c, k in constructs(prog).items():
                    distribution[c] = distribution.get(c, 0) + k
                    programs_with[c] = programs_with.get(c, 0) + 1
            res = ev.evaluate(batch)
            for tag, prog in batch:
                verdict, detail, ties, o, r = res[tag]
                if verdict == "divergence" and not ties:
                    # confirm on a fresh CPython process: a result that differs
                    # there is the oracle's own nondeterminism
                    fresh = Oracle(oracle.process.runtime)
                    again = fresh.run_many([(tag, render_tagged(prog, tag))]).get(tag)
                    fresh.close()
                    if again is None or again.get("trace") != (o or {}).get("trace") or \
                            again.get("status") != (o or {}).get("status"):
                        counts["flaky"] += 1
                        if len(flaky_examples) < 5:
                            flaky_examples.append({"seed": int(tag[1:]), "batch": o, "alone": again})
                        continue
                if verdict == "divergence" and ties:
                    counts["tie_divergence"] += 1
                    continue
                counts[verdict] += 1
                if verdict == "invalid" and len(invalid_examples) < 5:
                    invalid_examples.append({"seed": int(tag[1:]), "error": detail})
                if verdict == "divergence":
                    divergences.append({"seed": int(tag[1:]), "detail": detail, "prog": prog,
                                        "size": size(prog)})
            done += n
            if not args.quiet:
                el = time.monotonic() - t0
                print(f"fuzz: {done}/{args.programs} programs, {counts['divergence']} divergences, "
                      f"{counts['invalid']} invalid, {el:.0f} s", file=sys.stderr, flush=True)

        shrunk = []
        kinds = {}
        for d in divergences:  # shrink the first divergence of each kind
            det = d["detail"]
            key = (det.get("kind"), det.get("expected") if det.get("kind") == "status" else None,
                   det.get("actual") if det.get("kind") == "status" else None)
            kinds.setdefault(key, d)
        for d in list(kinds.values())[: args.max_divergences]:
            prog = d["prog"]
            detail = d["detail"]
            if not args.no_shrink:
                prog, detail, steps = shrink.shrink(prog, ev, d["seed"], want=detail)
            path, sid, src = write_scenario(prog, d["seed"], detail, args.out, runner_name, profile, oname,
                                            min_version_of(prog, registry))
            shrunk.append({"seed": d["seed"], "original_size": d["size"], "shrunk_size": size(prog),
                           "divergence": detail, "file": path, "id": sid, "source": src})
            print(f"\nfuzz: divergence (seed {d['seed']}), shrunk {d['size']} -> {size(prog)} nodes, "
                  f"written to {path}:\n{src}\n{json.dumps(detail, indent=1)}")

        report = {
            "runner": runner.describe, "profile": profile, "oracle": oname, "programs": args.programs,
            "seed": args.seed, "features": features, "counts": counts,
            "divergences": [{"seed": d["seed"], "detail": d["detail"]} for d in divergences],
            "shrunk": shrunk, "invalid_examples": invalid_examples, "flaky_examples": flaky_examples,
            "constructs": {c: {"uses": distribution[c], "programs": programs_with[c]}
                           for c in sorted(distribution, key=lambda c: -programs_with[c])},
            "not_generated": sorted(c for c in CONSTRUCT_FEATURES
                                    if not all(f in features for f in CONSTRUCT_FEATURES[c])),
            "not_in_version": {c: ids for c, ids in sorted(lacking.items())},
            "seconds": round(time.monotonic() - t0, 1), "evaluations": ev.runs,
        }
        oracle.close()
        print(f"\nfuzz: profile {profile}: {args.programs} programs (seed {args.seed}) on {runner_name} "
              f"--profile {profile} vs {oname}: "
              f"{counts['ok']} agree, {counts['divergence']} diverge, {counts['tie_divergence']} diverge only "
              f"with equal-deadline timers (IMPL-DEFINED), {counts['cleanup_hang']} deadlock in CPython's cleanup after "
              f"the trace, {counts['flaky']} not reproducible on CPython (oracle nondeterminism), "
              f"{counts['invalid']} invalid; {report['seconds']} s")
        print("constructs (programs using it / uses):")
        for c, v in report["constructs"].items():
            print(f"  {c:28s} {v['programs']:7d} {v['uses']:8d}")
        if report["not_generated"]:
            print("not generated (runner lacks the feature): " + ", ".join(report["not_generated"]))
        if lacking:
            print(f"not generated (Python {profile} lacks it): " +
                  ", ".join(f"{c} ({', '.join(ids)})" for c, ids in sorted(lacking.items())))
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(report, indent=1))
        if counts["ok"] == 0:
            print(f"fuzz: profile {profile}: no program agreed or diverged: a run that compared nothing is not a pass")
            return 1
        return 1 if counts["divergence"] or counts["invalid"] else 0
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

