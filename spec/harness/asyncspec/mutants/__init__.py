"""Mutation check: how strong is the suite?

    ./asyncspec mutants [--json FILE] [--filter NAME] [--build-dir DIR] [-j N] [--list]

The catalogue (conformance/mutants/catalogue.toml) lists plausible semantic
bugs, each a patch (conformance/mutants/patches/NAME.patch) to the reference's
sources; the sources themselves carry no trace of them. For each selected
mutant this brings a scratch copy of the repository up to date (BUILD/src),
applies that one patch, builds the reference's runner there (BUILD/build; with
ccache when it is installed, so restoring a file the previous mutant patched
costs a cache hit), runs the whole spec through it (`cli.py check
--impl-command <runner> --json ...`) and compares with the unmutated
reference: a mutant is KILLED when at least one scenario that passes on the
reference fails, crashes or hangs on the mutant; otherwise it SURVIVED (a
scenario is missing). A patch that no longer applies is a PATCH-ERROR and a
mutant that does not compile a BUILD-ERROR: both fail the run.
Exit status 0 only when every selected mutant is killed.
"""

import filecmp
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..spec import clauses as clauses_mod

MUTANTS_DIR = paths.REPO_DIR / "conformance" / "mutants"
CATALOGUE = MUTANTS_DIR / "catalogue.toml"
DEFAULT_BUILD_DIR = paths.REPO_DIR / "build" / "mutants"
RUNNER = Path("build") / "conformance" / "asyncspec-runner-reference"
RUNNER_TARGET = "asyncspec-runner-reference"
# What the runner's build reads: copied into the scratch tree.
BUILD_INPUTS = ("CMakeLists.txt", "cmake", "reference", "conformance", "bench")
NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
KEYS = {"name", "area", "clauses", "description"}
FAILING = ("fail", "crash", "hang")


class CatalogueError(Exception):
    pass


@dataclass
class Mutant:
    name: str
    area: str
    clauses: list
    description: str
    patch: Path = None

    def patch_text(self):
        return self.patch.read_text(encoding="utf-8")


@dataclass
class Outcome:
    mutant: Mutant
    status: str                      # killed | survived | build-error | patch-error
    killed_by: list = field(default_factory=list)   # [(scenario id, status)]
    reason: str = ""
    build_seconds: float = 0.0
    check_seconds: float = 0.0
    own_clause_killers: list = field(default_factory=list)  # killers whose scenario checks a clause it breaks


# ---- the catalogue ----------------------------------------------------------------

def load(path=CATALOGUE, repo=paths.REPO_DIR, check_points=True):
    """The catalogue, validated: names, clause ids, and each mutant's patch
    (it exists, touches only reference/ or conformance/ and, with
    check_points, still applies to the repository)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{paths.rel(path)}: bad TOML: {exc}") from None
    known = set(clauses_mod.require_registry())
    patches = path.parent / "patches"
    out, seen = [], set()
    for i, m in enumerate(data.get("mutant", []), start=1):
        where = f"{paths.rel(path)}: mutant #{i} ({m.get('name', '?')})"
        unknown = set(m) - KEYS
        missing = KEYS - set(m)
        if unknown or missing:
            raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if not NAME_RE.match(m["name"]):
            raise CatalogueError(f"{where}: the name must be UPPER_SNAKE_CASE")
        if m["name"] in seen:
            raise CatalogueError(f"{where}: duplicate name")
        seen.add(m["name"])
        if not m["clauses"]:
            raise CatalogueError(f"{where}: names no clause")
        for c in m["clauses"]:
            if c not in known:
                raise CatalogueError(f"{where}: unknown clause {c!r} (spec/clauses)")
        mutant = Mutant(m["name"], m["area"], list(m["clauses"]), m["description"], patches / f"{m['name']}.patch")
        if check_points:
            problem = patch_problem(mutant, repo)
            if problem:
                raise CatalogueError(f"{where}: {problem}")
        out.append(mutant)
    return out


def patched_files(text):
    """The repository-relative paths a unified diff changes."""
    return sorted({line[6:].split("\t")[0].strip() for line in text.splitlines() if line.startswith("+++ b/")})


def apply_patch(mutant, tree, dry_run=False):
    """Apply the mutant's patch to `tree` with `patch -p1`; None, or why not."""
    cmd = ["patch", "-p1", "-d", str(tree), "--forward", "--batch", "--no-backup-if-mismatch", "-s"]
    if dry_run:
        cmd.append("--dry-run")
    proc = subprocess.run(cmd, input=mutant.patch_text(), capture_output=True, text=True)
    if proc.returncode != 0:
        return (f"{paths.rel(mutant.patch)} does not apply: {(proc.stdout + proc.stderr).strip()[:300]} "
                f"(rewrite the bug against today's sources, see conformance/mutants/README.md)")
    return None


def patch_problem(mutant, repo=paths.REPO_DIR):
    if not mutant.patch.is_file():
        return f"no patch {paths.rel(mutant.patch)}"
    files = patched_files(mutant.patch_text())
    if not files:
        return f"{paths.rel(mutant.patch)} changes no file (a unified diff with a/ b/ paths)"
    for f in files:
        if not (f.startswith("reference/") or f.startswith("conformance/")):
            raise CatalogueError(f"{paths.rel(mutant.patch)}: {f} is neither under reference/ nor conformance/")
    return apply_patch(mutant, repo, dry_run=True)


def select(mutants, pattern):
    if not pattern:
        return mutants
    try:
        rx = re.compile(pattern, re.IGNORECASE)
    except re.error:
        rx = None
    return [m for m in mutants
            if pattern.lower() in m.name.lower() or pattern.lower() == m.area.lower()
            or (rx and (rx.search(m.name) or rx.fullmatch(m.area)))]


# ---- building and checking ----------------------------------------------------------

def _run(cmd, **kw):
    """subprocess.run in its own process group, killed whole (make's compilers
    included) if we are interrupted: a half-finished build must not keep
    writing into the build directory."""
    proc = subprocess.Popen(cmd, start_new_session=True, **kw)
    try:
        return proc.wait()
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        raise


def sync_tree(dst, repo=paths.REPO_DIR):
    """Make `dst` a copy of the build inputs of the repository's working tree
    (tracked and untracked, not ignored files). Only files whose content
    differs are written, so an unchanged file keeps its timestamp and the
    build does not recompile it."""
    listed = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                             "--", *BUILD_INPUTS], capture_output=True, text=True, check=True).stdout
    wanted = {f for f in listed.split("\0") if f and (repo / f).is_file()}
    dst = Path(dst)
    for f in sorted(wanted):
        src, out = repo / f, dst / f
        if not out.is_file() or not filecmp.cmp(src, out, shallow=False):
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out)
    for sub in BUILD_INPUTS:
        root = dst / sub
        extra = [p for p in (root.rglob("*") if root.is_dir() else []) if p.is_file()
                 and p.relative_to(dst).as_posix() not in wanted]
        for p in extra:
            p.unlink()


def build(build_dir, mutant, jobs, log):
    """The runner built from a fresh copy of the sources with `mutant`'s patch
    applied (None: the reference). (ok, why not)."""
    build_dir = Path(build_dir)
    src, obj = build_dir / "src", build_dir / "build"
    sync_tree(src)
    if mutant:
        problem = apply_patch(mutant, src)
        if problem:
            return False, problem
    env = dict(os.environ)
    # -O1 without debug info: a switch recompiles and relinks several times
    # faster than RelWithDebInfo; the semantics are the same.
    configure = ["cmake", "-S", str(src), "-B", str(obj), "-DASYNCSPEC_BENCH=OFF", "-DASYNCSPEC_TESTS=OFF",
                 "-DCMAKE_BUILD_TYPE=MutantCheck", "-DCMAKE_CXX_FLAGS_MUTANTCHECK=-O1 -DNDEBUG"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
        env["CCACHE_DIR"] = str(build_dir / "ccache")
    make = ["cmake", "--build", str(obj), "-j", str(jobs), "--target", RUNNER_TARGET]
    with open(log, "w", encoding="utf-8") as fh:
        for cmd in ([configure] if not (obj / "CMakeCache.txt").exists() else []) + [make]:
            fh.write("$ " + " ".join(cmd) + "\n")
            fh.flush()
            if _run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env) != 0:
                return False, f"see {paths.rel(log)}"
    (build_dir / "MUTANT").write_text((mutant.name if mutant else "none") + "\n", encoding="utf-8")
    return True, ""


def check(runner, json_path, timeout=None, jobs=None):
    """Run the whole spec through `runner`; {scenario id: status}."""
    cmd = [*paths.CLI, "check", "--impl-command", str(runner),
           "--json", str(json_path), "-q"]
    if timeout:
        cmd += ["--timeout", str(timeout)]
    if jobs:
        cmd += ["-j", str(jobs)]
    _run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(json_path, encoding="utf-8") as fh:
        doc = json.load(fh)
    return {r["id"]: r["status"] for r in doc["scenarios"]}, doc


def judge(mutant, baseline, statuses):
    """killed (with the scenarios that killed it) or survived (with why)."""
    killers = sorted((sid, statuses.get(sid, "missing")) for sid, st in baseline.items()
                     if st == "pass" and statuses.get(sid, "missing") != "pass")
    if killers:
        return "killed", killers, ""
    area = [sid for sid in baseline if sid.split(".")[0] == mutant.area]
    if area and all(baseline[sid] == "skip" for sid in area):
        return "survived", [], f"area '{mutant.area}' not runnable (every scenario skips)"
    return "survived", [], "no scenario that passes on the reference fails: a scenario is missing"


def scenario_clauses():
    from ..spec import scenarios
    scs, _ = scenarios.load_all()
    return {sc.id: set(sc.clauses) for sc in scs}


def order(mutants):
    """Mutants patching the same files next to each other (fewer recompiles);
    those patching headers last."""
    def key(m):
        files = patched_files(m.patch_text())
        return (any(f.endswith(".hpp") for f in files), tuple(files))
    return sorted(mutants, key=key)


def run(mutants, build_dir, jobs, timeout=None, check_jobs=None, out=print):
    build_dir = Path(build_dir)
    logs = build_dir / "mutant-logs"
    logs.mkdir(parents=True, exist_ok=True)
    runner = build_dir / RUNNER
    t0 = time.monotonic()
    clauses_of = scenario_clauses()
    out(f"mutants: {len(mutants)} selected, build dir {paths.rel(build_dir)} (logs in {paths.rel(logs)})")
    tb = time.monotonic()
    ok, why = build(build_dir, None, jobs, logs / "baseline.log")
    if not ok:
        raise RuntimeError(f"the unmutated reference does not build: {why}")
    build_base = time.monotonic() - tb
    with tempfile.TemporaryDirectory(prefix="asyncspec-mutants-") as tmp:
        tc = time.monotonic()
        baseline, _ = check(runner, Path(tmp) / "baseline.json", timeout, check_jobs)
        check_base = time.monotonic() - tc
        npass = sum(1 for s in baseline.values() if s == "pass")
        out(f"baseline: {npass}/{len(baseline)} scenarios pass on the reference "
            f"(build {build_base:.0f} s, check {check_base:.1f} s)")
        results = []
        for i, m in enumerate(order(mutants), start=1):
            tb = time.monotonic()
            ok, why = build(build_dir, m, jobs, logs / f"{m.name}.log")
            bsec = time.monotonic() - tb
            if not ok:
                status = "build-error" if why.startswith("see ") else "patch-error"
                o = Outcome(m, status, reason=why, build_seconds=bsec)
            else:
                tc = time.monotonic()
                statuses, _ = check(runner, Path(tmp) / f"{m.name}.json", timeout, check_jobs)
                csec = time.monotonic() - tc
                status, killers, reason = judge(m, baseline, statuses)
                o = Outcome(m, status, killers, reason, bsec, csec)
                o.own_clause_killers = [sid for sid, _ in killers if set(m.clauses) & clauses_of.get(sid, set())]
                if killers and not o.own_clause_killers:
                    o.reason = "killed only by scenarios of other clauses: the clause's own scenarios miss it"
            results.append(o)
            detail = (f"{len(o.killed_by)} scenario(s): " + ", ".join(s for s, _ in o.killed_by[:4])
                      + (" ..." if len(o.killed_by) > 4 else "")) if o.killed_by else o.reason
            out(f"[{i}/{len(mutants)}] {o.status.upper():11} {m.name:36} {detail} "
                f"(build {o.build_seconds:.0f} s, check {o.check_seconds:.1f} s)")
    total = time.monotonic() - t0
    return {"baseline": baseline, "results": results, "seconds": total,
            "baseline_build_seconds": build_base, "baseline_check_seconds": check_base}


def to_json(report):
    results = report["results"]
    counts = {k: sum(1 for o in results if o.status == k) for k in ("killed", "survived", "build-error", "patch-error")}
    return {
        "catalogue": paths.rel(CATALOGUE),
        "baseline": {"total": len(report["baseline"]),
                     "pass": sum(1 for s in report["baseline"].values() if s == "pass"),
                     "build_seconds": round(report["baseline_build_seconds"], 1),
                     "check_seconds": round(report["baseline_check_seconds"], 2)},
        "summary": dict(counts, total=len(results)),
        "seconds": round(report["seconds"], 1),
        "mutants": [{
            "name": o.mutant.name, "area": o.mutant.area, "clauses": o.mutant.clauses,
            "description": o.mutant.description, "status": o.status,
            "killed_by": [{"id": sid, "status": st} for sid, st in o.killed_by],
            "killed_by_own_clause": o.own_clause_killers,
            "reason": o.reason, "build_seconds": round(o.build_seconds, 1),
            "check_seconds": round(o.check_seconds, 2),
        } for o in results],
    }


def table(doc):
    lines = ["| mutant | clause(s) | result | killed by (own clause's scenarios first) |", "|---|---|---|---|"]
    for m in doc["mutants"]:
        own = set(m.get("killed_by_own_clause", []))
        kills = sorted(m["killed_by"], key=lambda k: (k["id"] not in own, k["id"]))
        by = ", ".join(f"{k['id']}" + ("" if k["status"] == "fail" else f" ({k['status']})")
                       for k in kills[:6]) + (f" (+{len(kills) - 6} more)" if len(kills) > 6 else "")
        by = by or m["reason"]
        lines.append(f"| {m['name']} | {', '.join(m['clauses'])} | {m['status']} | {by} |")
    return "\n".join(lines)


def add_arguments(ap):
    """The options of `asyncspec mutants` (cli.py)."""
    ap.add_argument("--json", help="write a JSON report")
    ap.add_argument("--markdown", help="write the mutant table (Markdown)")
    ap.add_argument("--filter", help="only mutants whose name contains this (or matches this regex), or of this area")
    ap.add_argument("--build-dir", default=str(DEFAULT_BUILD_DIR), help="the build directory reused across mutants")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="build jobs (default 2)")
    ap.add_argument("--check-jobs", type=int, help="scenarios in parallel (check's -j)")
    ap.add_argument("--timeout", type=float, help="wall-clock seconds per scenario (check's --timeout)")
    ap.add_argument("--catalogue", default=str(CATALOGUE))
    ap.add_argument("--list", action="store_true", help="print the catalogue and exit")


def main(args):
    """`asyncspec mutants`: 0 when every selected mutant is killed."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up the build's process group
    try:
        mutants = select(load(args.catalogue), args.filter)
    except (CatalogueError, clauses_mod.ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.list:
        for m in mutants:
            print(f"{m.name:36} {m.area:10} {', '.join(m.clauses)}")
        return 0
    if not mutants:
        print(f"error: no mutant matches {args.filter!r}", file=sys.stderr)
        return 2
    try:
        report = run(mutants, args.build_dir, args.jobs, args.timeout, args.check_jobs)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    doc = to_json(report)
    s = doc["summary"]
    print(f"\nmutants: {s['total']}  killed {s['killed']}  survived {s['survived']}  "
          f"build-error {s['build-error']}  patch-error {s['patch-error']}  ({doc['seconds']:.0f} s)")
    for m in doc["mutants"]:
        if m["status"] != "killed":
            print(f"  {m['status'].upper()}: {m['name']} ({', '.join(m['clauses'])}): {m['reason']}")
        elif m["reason"]:
            print(f"  note: {m['name']} ({', '.join(m['clauses'])}): {m['reason']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(table(doc) + "\n", encoding="utf-8")
    return 0 if s["killed"] == s["total"] else 1

