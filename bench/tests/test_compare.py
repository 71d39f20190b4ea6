"""bench-compare (bench/compare.py): the U test against known values, and
the gate flagging a synthetic 2x slowdown in Google Benchmark JSON."""

import itertools
import json
import math
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import compare  # noqa: E402


def gbench_json(values_by_name):
    """Google Benchmark-format JSON: repetitions + aggregates, ns_per_op."""
    benchmarks = []
    for name, values in values_by_name.items():
        for i, v in enumerate(values):
            benchmarks.append({"name": name, "run_name": name, "run_type": "iteration", "repetitions": len(values),
                               "repetition_index": i, "iterations": 100, "real_time": v * 1000,
                               "cpu_time": v * 1000, "time_unit": "ns", "ns_per_op": v})
        benchmarks.append({"name": name + "_mean", "run_name": name, "run_type": "aggregate",
                           "aggregate_name": "mean", "ns_per_op": sum(values) / len(values)})
    return {"context": {}, "benchmarks": benchmarks}


class MannWhitneyTest(unittest.TestCase):
    def test_exact_distribution_counts_arrangements(self):
        # n1 = n2 = 2: U = 0..4 with counts 1,1,2,1,1 (6 arrangements).
        self.assertEqual(compare.u_distribution(2, 2), [1, 1, 2, 1, 1])
        self.assertEqual(sum(compare.u_distribution(5, 5)), 252)

    def test_exact_p_values(self):
        # Complete separation, 5 vs 5: two-sided p = 2 / C(10, 5) = 2/252.
        _, p, method = compare.mann_whitney_u([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        self.assertEqual(method, "exact")
        self.assertAlmostEqual(p, 2 / 252)
        # Against brute force: every way of splitting 1..n1+n2 into the two samples.
        x, y = [1, 3, 5, 7, 9], [2, 4, 6, 8, 10, 11]
        u, p, _ = compare.mann_whitney_u(x, y)
        self.assertEqual(u, 10)  # pairs with x > y: 3>2, 5>2,4, 7>2,4,6, 9>2,4,6,8
        pool = sorted(x + y)
        us = [sum(a > b for a in c for b in pool if b not in c) for c in itertools.combinations(pool, len(x))]
        lower = sum(v <= u for v in us) / len(us)
        upper = sum(v >= u for v in us) / len(us)
        self.assertAlmostEqual(p, min(1.0, 2 * min(lower, upper)))

    def test_normal_approximation_with_ties(self):
        x = [1, 2, 2, 3, 4, 5, 6, 7, 8, 9]
        y = [5, 6, 7, 8, 9, 10, 11, 12, 12, 13]
        u, p, method = compare.mann_whitney_u(x, y)
        self.assertEqual(method, "normal")
        # U counts x > y pairs, ties as 1/2: 5 -> .5, 6 -> 1.5, 7 -> 2.5, 8 -> 3.5, 9 -> 4.5.
        self.assertEqual(u, 12.5)
        # mu = 50; seven tie pairs: var = 100/12 * (21 - 42/380); continuity-corrected z.
        z = (abs(12.5 - 50) - 0.5) / math.sqrt(100 / 12 * (21 - 42 / 380))
        self.assertAlmostEqual(p, math.erfc(z / math.sqrt(2)))
        self.assertLess(p, 0.01)

    def test_smallest_p(self):
        self.assertAlmostEqual(compare.min_p_value(3, 3), 0.1)
        self.assertAlmostEqual(compare.min_p_value(5, 5), 2 / 252)


class GateTest(unittest.TestCase):
    def run_gate(self, base, new, *extra):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for label, doc in (("base", base), ("new", new)):
                path = os.path.join(tmp, label + ".json")
                with open(path, "w") as f:
                    json.dump(doc, f)
                paths.append(path)
            with open(os.devnull, "w") as devnull:
                old = sys.stdout
                sys.stdout = devnull
                try:
                    return compare.main([*paths, *extra]), compare.compare(compare.samples(paths[0]),
                                                                           compare.samples(paths[1]))
                finally:
                    sys.stdout = old

    def noisy(self, center, n, rng):
        return [center * rng.uniform(0.95, 1.05) for _ in range(n)]

    def test_flags_a_2x_slowdown(self):
        # Every repetition of task_spawn twice as slow; call_soon within noise.
        rng = random.Random(1)
        spawn = self.noisy(100, 5, rng)
        base = gbench_json({"task_spawn/reference": spawn, "call_soon/reference": self.noisy(10, 5, rng)})
        new = gbench_json({"task_spawn/reference": [2 * v for v in spawn],
                           "call_soon/reference": self.noisy(10, 5, rng)})
        code, rows = self.run_gate(base, new)
        self.assertEqual(code, 1)
        status = {r[0]: r[5] for r in rows}
        self.assertEqual(status, {"task_spawn/reference": "FAIL", "call_soon/reference": "ok"})

    def test_alert_between_1_5x_and_2x_passes(self):
        rng = random.Random(2)
        base = gbench_json({"sleep0/reference": self.noisy(100, 5, rng)})
        new = gbench_json({"sleep0/reference": self.noisy(170, 5, rng)})
        code, rows = self.run_gate(base, new)
        self.assertEqual(code, 0)
        self.assertEqual(rows[0][5], "ALERT")

    def test_overlapping_samples_are_noise_not_failure(self):
        # Medians 2x apart but the samples overlap: not significant.
        base = gbench_json({"x/reference": [100, 100, 400, 100, 400, 400, 100]})
        new = gbench_json({"x/reference": [400, 100, 400, 100, 400, 100, 400]})
        code, rows = self.run_gate(base, new)
        self.assertEqual(code, 0)
        self.assertEqual(rows[0][5], "noise")

    def test_few_repetitions_ratio_decides(self):
        base = gbench_json({"x/reference": [100, 101, 99]})
        new = gbench_json({"x/reference": [210, 205, 200]})
        code, rows = self.run_gate(base, new)
        self.assertEqual(code, 1)
        self.assertIsNone(rows[0][4])

    def test_aggregates_only(self):
        base = {"benchmarks": [{"name": "x_mean", "run_name": "x", "run_type": "aggregate",
                                "aggregate_name": "mean", "real_time": 1.0, "time_unit": "us"}]}
        new = {"benchmarks": [{"name": "x_mean", "run_name": "x", "run_type": "aggregate",
                               "aggregate_name": "mean", "real_time": 2500.0, "time_unit": "ns"}]}
        code, rows = self.run_gate(base, new)
        self.assertEqual(code, 1)
        self.assertAlmostEqual(rows[0][3], 2.5)


if __name__ == "__main__":
    unittest.main()
