#!/usr/bin/env python3
"""The deterministic CI gate: instructions per operation of the reference.

Runs bench_icount under `valgrind --tool=callgrind` (one process; every
workload of the reduced set dumps its own counts, see bench/icount_main.cpp),
divides each dump's total instruction count by the operations it ran, and
compares with bench/baseline/instructions.json: a workload that costs more
than (1 + tolerance) x its baseline fails the gate. Callgrind's counts are
exact and repeatable for a given binary (the loop runs on the virtual clock:
no clock reads, no system calls), so the tolerance only absorbs compiler and
libstdc++ differences between machines.

    icount.py --binary build/default/bench/bench_icount          # the gate
    icount.py --binary ... --update                              # rewrite the baseline
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "baseline", "instructions.json")


def measure(binary, n, only=""):
    """{workload: instructions per operation}"""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
               binary, str(n)]
        if only:
            cmd.append(only)
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            raise SystemExit(f"icount: {binary} failed under valgrind")
        ops = {}
        for line in r.stdout.splitlines():
            name, count, _ = line.split()
            ops[name] = int(count)
        result = {}
        for path in glob.glob(out + ".*"):
            name = total = None
            with open(path) as f:
                for line in f:
                    m = re.match(r"desc: Trigger: Client Request: (\S+)", line)
                    if m:
                        name = m.group(1)
                    m = re.match(r"(?:totals|summary): (\d+)", line)
                    if m:
                        total = int(m.group(1))
            if name in ops and total is not None:
                result[name] = total / ops[name]
        missing = set(ops) - set(result)
        if missing:
            raise SystemExit(f"icount: no callgrind dump for {sorted(missing)}")
        return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--update", action="store_true", help="write the measured counts as the new baseline")
    ap.add_argument("--n", type=int, help="operations per workload (default: the baseline's, else 500)")
    ap.add_argument("--tolerance", type=float, help="allowed relative increase (default: the baseline's)")
    args = ap.parse_args(argv)

    baseline = None
    if os.path.exists(args.baseline):
        with open(args.baseline) as f:
            baseline = json.load(f)
    n = args.n or (baseline or {}).get("n", 500)
    tol = args.tolerance if args.tolerance is not None else (baseline or {}).get("tolerance", 0.05)
    t0 = time.monotonic()
    counts = measure(args.binary, n)
    elapsed = time.monotonic() - t0

    if args.update:
        os.makedirs(os.path.dirname(args.baseline), exist_ok=True)
        doc = {
            "comment": "Instructions per operation of the reference (callgrind, bench_icount, virtual clock). "
                       "Refresh with ./asyncspec bench-icount --update after an intended change.",
            "n": n, "tolerance": tol,
            "instructions_per_op": {k: round(v, 1) for k, v in sorted(counts.items())},
        }
        with open(args.baseline, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        print(f"icount: wrote {args.baseline} ({len(counts)} workloads, {elapsed:.1f} s)")
        return 0
    if baseline is None:
        print(f"icount: no baseline at {args.baseline}; run with --update", file=sys.stderr)
        return 2

    base = baseline["instructions_per_op"]
    failed, improved = [], []
    print(f"{'workload':<22} {'baseline':>10} {'now':>10} {'change':>8}")
    for name in sorted(set(base) | set(counts)):
        b, c = base.get(name), counts.get(name)
        if b is None or c is None:
            print(f"{name:<22} {b or '-':>10} {c or '-':>10}   (not in both)")
            continue
        change = c / b - 1
        mark = ""
        if change > tol:
            mark = "  FAIL"
            failed.append(name)
        elif change < -tol:
            mark = "  (cheaper: refresh the baseline)"
            improved.append(name)
        print(f"{name:<22} {b:>10.1f} {c:>10.1f} {change:>+7.1%}{mark}")
    print(f"icount: {len(counts)} workloads, {n} ops each, tolerance {tol:.0%}, {elapsed:.1f} s under valgrind; "
          f"{len(failed)} regressed" + (f": {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
