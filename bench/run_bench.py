#!/usr/bin/env python3
"""./asyncspec bench: every implementation side by side, in one run.

Runs the C++ suite (bench_suite: the reference and the physical floors), then
the Python workloads (bench/python/workloads.py) on CPython 3.11, 3.12, 3.13
(pyenv builds, found with `pyenv root`), 3.13 with the eager task factory and
uvloop (a python3 that imports uvloop), one after the other, and prints per
workload the median ns/op of each implementation and the ratios
reference/floor, CPython 3.13/reference and uvloop/reference.

--json FILE writes Google Benchmark-format JSON: the repetitions and
aggregates of every `<workload>/<implementation>` pair, `ns_per_op` counter.
--plot FILE.svg draws the ratios to the reference (gnuplot, else matplotlib).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Interpreter and uvloop discovery: the harness package's (spec/harness/asyncspec/runtimes/pythons.py).
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "spec", "harness"))
from asyncspec.runtimes import pythons  # noqa: E402

IMPLS = ["floor", "reference", "cpython-3.11", "cpython-3.12", "cpython-3.13", "cpython-3.13-eager", "uvloop"]
WORKLOADS = [
    "call_soon", "call_soon_chain", "call_later_0", "task_spawn", "task_spawn_eager", "sleep0_pingpong",
    "gather_per_child", "taskgroup_per_child", "taskgroup_empty", "cancel_reap", "wait_for_nofire", "timeout_nofire", "timeout_fire",
    "threadsafe_roundtrip", "timer_lateness", "async_tree", "async_tree_taskgroup", "async_tree_eager",
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def uvloop_python():
    """(a python3 that imports uvloop, "uvloop-version python-version") or (None, None)."""
    try:
        exe = str(pythons.uvloop_python(install=False))
    except pythons.RuntimeUnavailable:
        return None, None
    r = subprocess.run([exe, "-c", "import uvloop, sys; print(uvloop.__version__, sys.version.split()[0])"],
                       capture_output=True, text=True)
    return (exe, r.stdout.strip()) if r.returncode == 0 else (None, None)


def python_impls(args):
    """[(impl name, argv prefix, description)]"""
    out = []
    if args.loop_factory:
        # A loop author's loop, on --python (default: the python3 running this).
        exe = args.python or sys.executable
        name = args.loop_name or args.loop_factory
        out.append((name, [exe, f"--loop-factory={args.loop_factory}"], f"{args.loop_factory} on {exe}"))
    py = {v: str(exe) for v, exe in pythons.pyenv_pythons().items()}
    for minor in ("3.11", "3.12", "3.13"):
        if minor in py:
            out.append((f"cpython-{minor}", [py[minor]], py[minor]))
        else:
            log(f"asyncspec bench: no pyenv CPython {minor}; cpython-{minor} skipped")
    if "3.13" in py:
        out.append(("cpython-3.13-eager", [py["3.13"], "--eager"], "3.13 + eager_task_factory"))
    exe, ver = uvloop_python()
    if exe:
        out.append(("uvloop", [exe, "--uvloop"], f"uvloop {ver}"))
    else:
        log("asyncspec bench: no python3 with uvloop (Debian: python3-uvloop); uvloop skipped")
    return out


def run_cpp(binary, args):
    cmd = [binary, "--benchmark_format=json", f"--benchmark_repetitions={args.repetitions}",
           f"--benchmark_min_time={args.min_time}"]
    if args.filter:
        cmd.append(f"--benchmark_filter={args.filter}")
    log(f"== {os.path.basename(binary)} (reference, floors)")
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        log(r.stderr)
        raise SystemExit(f"asyncspec bench: {binary} failed")
    return json.loads(r.stdout)


def run_python(impl, argv, args):
    exe, extra = argv[0], argv[1:]
    cmd = [exe, os.path.join(HERE, "python", "workloads.py"), "--impl", impl, *extra,
           f"--repetitions={args.repetitions}", f"--min-time={args.py_min_time}",
           f"--timer-samples={args.timer_samples}"]
    if args.filter:
        cmd.append(f"--filter={args.filter}")
    log(f"== {impl}")
    r = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        log(f"asyncspec bench: {impl} failed (exit {r.returncode}); skipped")
        return None
    return json.loads(r.stdout)


def split_name(name):
    workload, _, impl = name.partition("/")
    return workload, impl


# Workloads whose figures move between repetitions (a thread hand-off, a
# timer's wake-up): reported with their min / median / max.
NOISY = ("threadsafe_roundtrip", "timer_lateness")


def repetitions(benchmarks):
    """{(workload, impl): [ns_per_op of each repetition]}"""
    reps = {}
    for b in benchmarks:
        if b.get("run_type") == "aggregate" or "ns_per_op" not in b:
            continue
        reps.setdefault(split_name(b.get("run_name", b["name"])), []).append(b["ns_per_op"])
    return reps


def spread_table(reps, impls):
    """min / median / max per implementation of the NOISY workloads, and
    max/min: how far one repetition can be from another."""
    lines = ["| workload | implementation | min | median | max | max/min |", "|---|---|---|---|---|---|"]
    for w in NOISY:
        for i in impls:
            v = reps.get((w, i))
            if not v:
                continue
            lines.append(f"| {w} | {i} | {fmt_ns(min(v))} | {fmt_ns(statistics.median(v))} | {fmt_ns(max(v))} | "
                         f"{fmt_ratio(max(v), min(v))} |")
    return "\n".join(lines) if len(lines) > 2 else ""


def medians(benchmarks):
    """{(workload, impl): median ns_per_op} over the repetitions."""
    return {k: statistics.median(v) for k, v in repetitions(benchmarks).items()}


def fmt_ns(v):
    if v is None:
        return "-"
    if v >= 1e6:
        return f"{v / 1e6:.1f} ms"
    if v >= 1e4:
        return f"{v / 1e3:.1f} µs"
    if v >= 100:
        return f"{v:.0f} ns"
    return f"{v:.1f} ns"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    r = a / b
    return f"{r:.0f}x" if r >= 100 else f"{r:.1f}x" if r >= 10 else f"{r:.2f}x"


def table(med, impls):
    head = ["workload", *impls, "ref/floor", "3.13/ref", "uvloop/ref"]
    rows = []
    workloads = [w for w in WORKLOADS if any((w, i) in med for i in impls)]
    workloads += sorted({w for w, _ in med} - set(workloads))
    for w in workloads:
        get = lambda i: med.get((w, i))  # noqa: E731
        rows.append([w, *(fmt_ns(get(i)) for i in impls), fmt_ratio(get("reference"), get("floor")),
                     fmt_ratio(get("cpython-3.13"), get("reference")), fmt_ratio(get("uvloop"), get("reference"))])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def machine():
    model = cores = "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            k, _, v = line.partition(":")
            if k.strip() == "Model name":
                model = v.strip()
            elif k.strip() == "CPU(s)":
                cores = v.strip()
    except OSError:
        pass
    load = os.getloadavg()
    return f"{model}, {cores} CPUs, Linux {platform.release()}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def plot(med, impls, path):
    """Ratios implementation / reference per workload, log scale."""
    others = [i for i in impls if i != "reference"]
    workloads = [w for w in WORKLOADS if (w, "reference") in med]
    data = [[med[(w, i)] / med[(w, "reference")] if (w, i) in med else None for i in others] for w in workloads]
    if shutil.which("gnuplot"):
        with tempfile.TemporaryDirectory() as tmp:
            dat = os.path.join(tmp, "ratios.dat")
            with open(dat, "w") as f:
                f.write("workload " + " ".join(others) + "\n")
                for w, row in zip(workloads, data):
                    f.write(w + " " + " ".join("?" if v is None else f"{v:.6g}" for v in row) + "\n")
            script = "\n".join([
                f"set terminal svg size 1200,600 dynamic enhanced font 'sans,10'; set output '{path}'",
                "set title 'ns/op relative to the reference (log scale; < 1: faster than the reference)'",
                "set style data histograms; set style histogram clustered gap 1; set style fill solid 0.8",
                "set logscale y; set grid ytics; set xtics rotate by 40 right noenhanced; set bmargin 9",
                "set key outside right top vertical noenhanced",
                "set datafile missing '?'",
                "plot " + ", ".join(f"'{dat}' using {k + 2}:xtic(1) title columnheader({k + 2})"
                                    for k in range(len(others))),
            ])
            subprocess.run(["gnuplot"], input=script, text=True, check=True)
        return "gnuplot"
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(12, 6))
    width = 0.8 / max(len(others), 1)
    for k, impl in enumerate(others):
        xs = [j + k * width for j, row in enumerate(data) if row[k] is not None]
        ys = [row[k] for row in data if row[k] is not None]
        ax.bar(xs, ys, width, label=impl)
    ax.set_yscale("log")
    ax.set_xticks([j + 0.4 for j in range(len(workloads))], workloads, rotation=40, ha="right")
    ax.set_title("ns/op relative to the reference (log scale)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    return "matplotlib"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", required=True, help="the bench_suite binary")
    ap.add_argument("--quick", action="store_true", help="3 repetitions, short runs")
    ap.add_argument("--filter", default="", help="regex on <workload>/<implementation>")
    ap.add_argument("--json", help="write Google Benchmark-format JSON here")
    ap.add_argument("--plot", help="draw the ratios to this SVG")
    ap.add_argument("--impls", default="", help="regex: only these implementations (e.g. 'reference|floor')")
    ap.add_argument("--loop-factory", metavar="MODULE:CALLABLE",
                    help="also run the Python workloads on this loop (MODULE from the working directory first)")
    ap.add_argument("--python", metavar="EXE", help="--loop-factory: the interpreter (default: this one)")
    ap.add_argument("--loop-name", help="--loop-factory: its column name (default: MODULE:CALLABLE)")
    args = ap.parse_args()
    args.repetitions = 3 if args.quick else 5
    args.min_time = 0.05 if args.quick else 0.3
    args.py_min_time = 0.05 if args.quick else 0.2
    args.timer_samples = 100 if args.quick else 500
    impl_re = re.compile(args.impls) if args.impls else None

    context = {"machine": machine(), "implementations": {}}
    benchmarks = []
    if not impl_re or impl_re.search("reference") or impl_re.search("floor"):
        doc = run_cpp(args.suite, args)
        context.update(doc.get("context", {}))
        context["implementations"]["reference"] = "C++ reference (" + os.path.basename(args.suite) + ")"
        benchmarks += doc["benchmarks"]
    for impl, argv, desc in python_impls(args):
        if impl_re and not impl_re.search(impl):
            continue
        doc = run_python(impl, argv, args)
        if doc is None and args.loop_factory and impl == (args.loop_name or args.loop_factory):
            raise SystemExit(2)  # the loop asked for did not run (its error is above)
        if doc:
            context["implementations"][impl] = desc
            benchmarks += doc["benchmarks"]

    med = medians(benchmarks)
    impls = [i for i in IMPLS if any(k[1] == i for k in med)]
    impls += sorted({k[1] for k in med} - set(impls))  # --loop-factory's
    print(f"\nmachine: {context['machine']}")
    print(f"ns per operation, median of {args.repetitions} repetitions "
          f"(timer_lateness: median lateness of 1 ms timers; async_tree*: per tree)\n")
    print(table(med, impls))
    noise = spread_table(repetitions(benchmarks), impls)
    if noise:
        print(f"\nspread over the {args.repetitions} repetitions (the figures above are the medians):\n")
        print(noise)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"context": context, "benchmarks": benchmarks}, f, indent=1)
        log(f"asyncspec bench: wrote {args.json}")
    if args.plot:
        tool = plot(med, impls, args.plot)
        log(f"asyncspec bench: wrote {args.plot} ({tool})")


if __name__ == "__main__":
    main()
