"""Differential fuzzing: random scenario programs run on a runner-protocol
implementation (default: the reference's asyncspec-runner-reference) and on
CPython 3.13 (spec/harness/oracle.py), traces compared with
spec/harness/matcher.py. A divergence is shrunk (delta debugging over the
program tree, shrink.py) and written out as a scenario file.

    python3 property_tests/differential/fuzz.py --runner BIN --programs N [--seed S]
        [--json FILE] [--out DIR] [--python PY313] [--batch 200] [--no-shrink]

Stdlib only. Seeds: program i of a run uses seed S*1000003 + i, so any
program is reproducible alone (--only-seed).
"""

import argparse
import hashlib
import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "spec" / "harness"))
sys.path.insert(0, str(HERE))

from asyncspec.ir import compiler  # noqa: E402
from asyncspec.trace import matcher  # noqa: E402

import gen  # noqa: E402
import shrink  # noqa: E402

AREA_PRIORITY = ("taskgroup", "timeout", "wait_for", "shield", "gather")
# A program using a primitive is filed under the primitive's area (the most
# specific construct it has).
PRIMITIVE_AREAS = (("Queue", "queue"), ("Condition", "condition"), ("Semaphore", "semaphore"),
                   ("BoundedSemaphore", "semaphore"), ("Event", "event"), ("Lock", "lock"))


def find_python313():
    env = os.environ.get("ASYNCSPEC_PY313")
    if env:
        return env
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
        cand = Path(root) / "versions" / "3.13.0" / "bin" / "python3"
        if cand.exists():
            return str(cand)
        found = sorted((Path(root) / "versions").glob("3.13*/bin/python3"))
        if found:
            return str(found[-1])
    except (OSError, subprocess.CalledProcessError):
        pass
    if sys.version_info[:2] == (3, 13):
        return sys.executable
    raise SystemExit("fuzz: no CPython 3.13 found (set ASYNCSPEC_PY313)")


class Oracle:
    """One CPython 3.13 process serving many programs (oracle.py --serve)."""

    def __init__(self, python):
        self.python = python
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen([self.python, str(ROOT / "spec" / "harness" / "asyncspec" / "runtimes" / "oracle.py"), "--serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, cwd=str(ROOT),
                                     bufsize=1)
        ready = json.loads(self.proc.stdout.readline())
        self.version = ready.get("python", "?")

    def start_many(self, requests):
        """Send requests and collect the answers in a thread: -> join() -> {tag: response}"""
        box = {}
        th = threading.Thread(target=lambda: box.update(self.run_many(requests)))
        th.start()

        def join():
            th.join()
            return box
        return join

    def run_many(self, requests):
        """requests: [(tag, source)] -> {tag: response}"""
        def writer():
            try:
                for tag, src in requests:
                    self.proc.stdin.write(json.dumps({"file": f"fuzz/{tag}.py", "source": src, "tag": tag}) + "\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass
        th = threading.Thread(target=writer)
        th.start()
        out = {}
        for _ in requests:
            line = self.proc.stdout.readline()
            if not line:
                break
            resp = json.loads(line)
            out[resp.get("tag")] = resp
        th.join()
        if len(out) < len(requests):  # the oracle process died: restart it
            self.close()
            self.start()
        return out

    def close(self):
        if self.proc:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                self.proc.kill()
            self.proc = None


class Runner:
    """A runner-protocol executable, one process per batch (a bundle file)."""

    HANG_SECONDS = 1.5

    def __init__(self, command, tmpdir):
        self.command = command
        self.tmpdir = tmpdir
        desc = subprocess.run(command + ["--describe"], capture_output=True, text=True, timeout=30)
        self.describe = json.loads(desc.stdout.strip().splitlines()[0])
        self.features = self.describe.get("features", [])

    def _spawn(self, items):
        bundle = {"bundle_version": 1, "suite_version": "fuzz", "ir_version": 1, "features": {}, "clauses": [],
                  "scenarios": [{"id": tag, "area": "fuzz", "file": f"fuzz/{tag}.py", "features": [], "ir": ir}
                                for tag, ir in items]}
        path = Path(self.tmpdir) / f"bundle-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}.json"
        path.write_text(json.dumps(bundle))
        proc = subprocess.Popen(self.command + ["--bundle", str(path), "--all"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        return (proc, path, items)

    def start(self, items):
        """items: [(tag, ir)] -> a handle for collect()"""
        return self._spawn(items)

    def collect(self, handle):
        """Answers by tag. The runner prints one line per program, in order: when
        no line comes for HANG_SECONDS (it hangs) or the process ends early
        (it crashed), the first unanswered program is the culprit; the rest run
        again in a new process."""
        res = {}
        while True:
            proc, path, items = handle
            timed_out = False
            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            buf = b""
            fd = proc.stdout.fileno()
            got_line = False
            while True:
                # reading the bundle comes first (slow in sanitizer builds)
                limit = self.HANG_SECONDS if got_line else 10 + 0.02 * len(items)
                if not sel.select(timeout=limit):
                    timed_out = True
                    break
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                buf += chunk
                *lines, buf = buf.split(b"\n")
                got_line = got_line or bool(lines)
                for line in lines:
                    try:
                        d = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    res[d.get("id")] = d
            sel.close()
            if timed_out:
                proc.kill()
            proc.wait()
            proc.stdout.close()
            path.unlink(missing_ok=True)
            rest = [(tag, ir) for tag, ir in items if tag not in res]
            if not rest:
                return res
            culprit = rest[0][0]
            res[culprit] = ({"status": "hang", "error": "runner wall-clock limit"} if timed_out else
                            {"status": "crash", "error": f"runner exited with {proc.returncode}"})
            if len(rest) == 1:
                return res
            handle = self._spawn(rest[1:])


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
    return gen.render(prog, f"fuzz.{tag}")


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
        rresp = self.runner.collect(self.runner.start(items)) if items else {}
        oresp = oracle_join()
        for tag, _ in items:
            o, r = oresp.get(tag), rresp.get(tag)
            verdict, detail = compare(o, r)
            ties = bool(o and o.get("ties"))
            results[tag] = (verdict, detail, ties, o, r)
        self.runs += len(items)
        return results


def area_of(prog):
    used = {c.split("(")[0] for c in gen.constructs(prog)}
    for construct, area in PRIMITIVE_AREAS:
        if construct in used:
            return area
    for a in AREA_PRIORITY:
        if a in used:
            return a
    return "cancel" if used & {"cancel", "selfcancel", "uncancel", "selfuncancel", "fut_cancel"} else "tasks"


def write_scenario(prog, seed, detail, outdir, runner_name):
    area = area_of(prog)
    src0 = gen.render(prog, "x")
    digest = hashlib.sha1(src0.encode()).hexdigest()[:8]
    sid = f"{area}.fuzz-{digest}"
    desc = (f"Found by ./asyncspec fuzz (seed {seed}): {runner_name} diverged from CPython 3.13 "
            f"({detail.get('kind', '?') if isinstance(detail, dict) else detail}). Shrunk program.")
    src = gen.render(prog, sid, description=desc)
    d = Path(outdir) / area
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"fuzz-{digest}.py"
    path.write_text(src)
    return str(path), sid, src


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runner", required=True, help="runner-protocol executable (a command line, split on spaces)")
    ap.add_argument("--programs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-seed", type=int, help="run just this program seed (verbose)")
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--json", help="write the report here")
    ap.add_argument("--out", default=str(ROOT / "out" / "fuzz"), help="where shrunk divergences are written")
    ap.add_argument("--python", help="CPython 3.13 for the oracle")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--max-divergences", type=int, default=5, help="shrink at most this many (the rest are counted)")
    ap.add_argument("--features", help="comma-separated features to generate for (default: the runner's)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    tmpdir = tempfile.mkdtemp(prefix="asyncspec-fuzz-")
    t0 = time.monotonic()
    try:
        runner = Runner(args.runner.split(), tmpdir)
        oracle = Oracle(args.python or find_python313())
        ev = Evaluator(oracle, runner)
        features = args.features.split(",") if args.features else runner.features
        features = [f for f in features if f]
        runner_name = runner.describe.get("implementation", "runner")

        if args.only_seed is not None:
            prog = gen.generate(args.only_seed, features)
            print(gen.render(prog, f"fuzz.s{args.only_seed}"))
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
                prog = gen.generate(seed, features)
                batch.append((f"s{seed}", prog))
                for c, k in gen.constructs(prog).items():
                    distribution[c] = distribution.get(c, 0) + k
                    programs_with[c] = programs_with.get(c, 0) + 1
            res = ev.evaluate(batch)
            for tag, prog in batch:
                verdict, detail, ties, o, r = res[tag]
                if verdict == "divergence" and not ties:
                    # confirm on a fresh CPython process: a result that differs
                    # there is the oracle's own nondeterminism
                    fresh = Oracle(oracle.python)
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
                                        "size": gen.size(prog)})
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
            path, sid, src = write_scenario(prog, d["seed"], detail, args.out, runner_name)
            shrunk.append({"seed": d["seed"], "original_size": d["size"], "shrunk_size": gen.size(prog),
                           "divergence": detail, "file": path, "id": sid, "source": src})
            print(f"\nfuzz: divergence (seed {d['seed']}), shrunk {d['size']} -> {gen.size(prog)} nodes, "
                  f"written to {path}:\n{src}\n{json.dumps(detail, indent=1)}")

        report = {
            "runner": runner.describe, "oracle": f"CPython {oracle.version}", "programs": args.programs,
            "seed": args.seed, "features": features, "counts": counts,
            "divergences": [{"seed": d["seed"], "detail": d["detail"]} for d in divergences],
            "shrunk": shrunk, "invalid_examples": invalid_examples, "flaky_examples": flaky_examples,
            "constructs": {c: {"uses": distribution[c], "programs": programs_with[c]}
                           for c in sorted(distribution, key=lambda c: -programs_with[c])},
            "not_generated": sorted(c for c in gen.CONSTRUCT_FEATURES
                                    if not all(f in features for f in gen.CONSTRUCT_FEATURES[c])),
            "seconds": round(time.monotonic() - t0, 1), "evaluations": ev.runs,
        }
        oracle.close()
        print(f"\nfuzz: {args.programs} programs (seed {args.seed}) on {runner_name} vs CPython {oracle.version}: "
              f"{counts['ok']} agree, {counts['divergence']} diverge, {counts['tie_divergence']} diverge only "
              f"with equal-deadline timers (IMPL-DEFINED), {counts['cleanup_hang']} deadlock in CPython's cleanup after "
              f"the trace, {counts['flaky']} not reproducible on CPython (oracle nondeterminism), "
              f"{counts['invalid']} invalid; {report['seconds']} s")
        print("constructs (programs using it / uses):")
        for c, v in report["constructs"].items():
            print(f"  {c:28s} {v['programs']:7d} {v['uses']:8d}")
        if report["not_generated"]:
            print("not generated (runner lacks the feature): " + ", ".join(report["not_generated"]))
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(report, indent=1))
        if counts["ok"] == 0:
            print("fuzz: no program agreed or diverged: a run that compared nothing is not a pass")
            return 1
        return 1 if counts["divergence"] or counts["invalid"] else 0
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
