#!/usr/bin/env python3
"""./asyncspec bench-compare BASELINE.json NEW.json: the regression gate.

Both files are Google Benchmark JSON (bench_suite, ./asyncspec bench --json,
or any benchmark binary run with --benchmark_repetitions). For every
benchmark present in both, the repetitions' `ns_per_op` (else real_time per
iteration) of the baseline and the new run are compared with a two-sided
Mann-Whitney U test, as Google Benchmark's tools/compare.py does, and the
ratio of the medians:

  FAIL   new/baseline >= --fail (2.0) and the difference is significant
  ALERT  new/baseline >= --alert (1.5) and the difference is significant

"Significant" means p < --alpha (0.05). When the repetitions are too few for
the U test to ever reach alpha (3 vs 3 cannot: the smallest two-sided p is
0.1), the ratio decides alone. Exit status 1 when a benchmark FAILs, 0
otherwise; the regressed benchmarks are listed at the end.
"""

import argparse
import json
import math
import statistics
import sys

TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


# ---- Mann-Whitney U (stdlib only) --------------------------------------------

def rank(values):
    """Mid-ranks (1-based) of values, and the tie-group sizes."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = []
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mid = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = mid
        ties.append(j - i + 1)
        i = j + 1
    return ranks, ties


def u_distribution(n1, n2):
    """Number of arrangements giving each U (no ties): counts[u], u = 0..n1*n2."""
    # f[a][b] = counts for sample sizes a, b; f(a,b,u) = f(a-1,b,u-b) + f(a,b-1,u)
    prev_row = [[1] for _ in range(n2 + 1)]  # a = 0: U is 0, one way
    for a in range(1, n1 + 1):
        row = [[1]]  # b = 0
        for b in range(1, n2 + 1):
            size = a * b + 1
            counts = [0] * size
            for u, c in enumerate(prev_row[b]):  # f(a-1, b, u - b)
                counts[u + b] += c
            for u, c in enumerate(row[b - 1]):  # f(a, b-1, u)
                counts[u] += c
            row.append(counts)
        prev_row = row
    return prev_row[n2]


def mann_whitney_u(x, y):
    """Two-sided Mann-Whitney U test: (U of x, p-value, method)."""
    n1, n2 = len(x), len(y)
    ranks, ties = rank(list(x) + list(y))
    r1 = sum(ranks[:n1])
    u1 = r1 - n1 * (n1 + 1) / 2
    if all(t == 1 for t in ties) and n1 <= 30 and n2 <= 30:
        counts = u_distribution(n1, n2)
        total = sum(counts)
        u = int(round(u1))
        lower = sum(counts[: u + 1]) / total
        upper = sum(counts[u:]) / total
        return u1, min(1.0, 2 * min(lower, upper)), "exact"
    n = n1 + n2
    mu = n1 * n2 / 2
    tie_term = sum(t ** 3 - t for t in ties) / (n * (n - 1)) if n > 1 else 0.0
    var = n1 * n2 / 12 * ((n + 1) - tie_term)
    if var <= 0:
        return u1, 1.0, "normal"
    z = (abs(u1 - mu) - 0.5) / math.sqrt(var)  # continuity correction
    p = math.erfc(max(z, 0.0) / math.sqrt(2))
    return u1, min(1.0, p), "normal"


def min_p_value(n1, n2):
    """The smallest two-sided p an exact U test can give for these sizes."""
    return min(1.0, 2 / math.comb(n1 + n2, n1))


# ---- reading Google Benchmark JSON -------------------------------------------

def samples(path):
    """{run_name: [value per repetition]} (ns per operation)."""
    with open(path) as f:
        doc = json.load(f)
    reps, means = {}, {}
    for b in doc.get("benchmarks", []):
        name = b.get("run_name", b["name"])
        if "ns_per_op" in b:
            v = float(b["ns_per_op"])
        elif "real_time" in b:
            v = float(b["real_time"]) * TIME_UNIT_NS.get(b.get("time_unit", "ns"), 1.0)
        else:
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "mean":
                means[name] = v
        else:
            reps.setdefault(name, []).append(v)
    for name, v in means.items():
        reps.setdefault(name, [v])  # aggregates only: one sample
    return reps


def compare(base, new, alert=1.5, fail=2.0, alpha=0.05):
    """[(name, base median, new median, ratio, p or None, status)]"""
    rows = []
    for name in sorted(set(base) & set(new)):
        x, y = base[name], new[name]
        mb, mn = statistics.median(x), statistics.median(y)
        ratio = mn / mb if mb > 0 else math.inf
        p = None
        if len(x) >= 2 and len(y) >= 2:
            _, p, _ = mann_whitney_u(x, y)
            if min_p_value(len(x), len(y)) >= alpha:
                p = None  # the test cannot reach alpha: the ratio decides
        significant = p is None or p < alpha
        if ratio >= fail and significant:
            status = "FAIL"
        elif ratio >= alert and significant:
            status = "ALERT"
        elif ratio >= alert:
            status = "noise"
        elif ratio <= 1 / alert and significant:
            status = "faster"
        else:
            status = "ok"
        rows.append((name, mb, mn, ratio, p, status))
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("baseline")
    ap.add_argument("new")
    ap.add_argument("--alert", type=float, default=1.5)
    ap.add_argument("--fail", type=float, default=2.0)
    ap.add_argument("--alpha", type=float, default=0.05)
    args = ap.parse_args(argv)
    base, new = samples(args.baseline), samples(args.new)
    rows = compare(base, new, args.alert, args.fail, args.alpha)
    if not rows:
        print("bench-compare: no benchmark in common", file=sys.stderr)
        return 2
    w = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{w}}  {'baseline':>12}  {'new':>12}  {'ratio':>7}  {'p (U test)':>10}  status")
    for name, mb, mn, ratio, p, status in rows:
        ps = "-" if p is None else f"{p:.4f}"
        print(f"{name:<{w}}  {mb:>12.1f}  {mn:>12.1f}  {ratio:>6.2f}x  {ps:>10}  {status}")
    failed = [r for r in rows if r[5] == "FAIL"]
    alerted = [r for r in rows if r[5] == "ALERT"]
    for label, group in (("ALERT", alerted), ("FAIL", failed)):
        for name, _, _, ratio, _, _ in group:
            print(f"{label}: {name} regressed {ratio:.2f}x")
    print(f"bench-compare: {len(rows)} compared, {len(alerted)} alert (>= {args.alert}x), "
          f"{len(failed)} fail (>= {args.fail}x)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
