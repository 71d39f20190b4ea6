"""The fuzzer's program model: generated programs render to scenarios the
compiler accepts, within the features asked for; the shrinker reduces a
(synthetic) divergence to a small program that still has it."""

import unittest

from asyncspec.fuzz import run as fuzz_run
from asyncspec.fuzz import shrink
from asyncspec.fuzz.generate import generate
from asyncspec.fuzz.grammar import CONSTRUCT_FEATURES
from asyncspec.fuzz.program import constructs, features_of, size
from asyncspec.fuzz.render import render
from asyncspec.ir import compiler
from asyncspec.spec import clauses

ALL_FEATURES = sorted({f for fs in CONSTRUCT_FEATURES.values() for f in fs} | {"futures", "task-names"})


class GeneratorTest(unittest.TestCase):
    def test_programs_render_and_compile(self):
        known = set(clauses.load_features())
        for seed in range(60):
            with self.subTest(seed=seed):
                prog = generate(seed, ALL_FEATURES)
                src = render(prog, f"fuzz.s{seed}")
                ir = compiler.compile_source(src, f"fuzz/s{seed}.py")
                self.assertEqual(ir["meta"]["id"], f"fuzz.s{seed}")
                feats, _ = features_of(prog)
                self.assertLessEqual(set(feats), known)

    def test_seeded(self):
        self.assertEqual(render(generate(7, ALL_FEATURES), "fuzz.a"), render(generate(7, ALL_FEATURES), "fuzz.a"))

    def test_only_the_features_asked_for(self):
        few = ["futures", "task-names"]
        for seed in range(30):
            feats, _ = features_of(generate(seed, few))
            self.assertLessEqual(set(feats), set(few) | {"futures", "task-names"}, seed)


class ProfileTest(unittest.TestCase):
    """fuzz --profile 3.X: programs use only what Python 3.X has (the
    constructs whose clauses hold in it)."""

    def setUp(self):
        self.registry = clauses.require_registry()

    def test_what_each_version_lacks(self):
        for v in ("3.11", "3.12"):
            self.assertIn("queue_shutdown", fuzz_run.lacking_constructs(v, self.registry), v)
        for v in ("3.13", "3.14"):
            self.assertEqual(fuzz_run.lacking_constructs(v, self.registry), {}, v)

    def test_no_queue_shutdown_before_3_13(self):
        lacking = fuzz_run.lacking_constructs("3.11", self.registry)
        seen = set()
        for seed in range(400):
            prog = generate(seed, ALL_FEATURES, exclude=lacking)
            used = {c.split("(")[0] for c in constructs(prog)}
            seen |= used
            self.assertNotIn("queue_shutdown", used, seed)
            self.assertNotIn("QueueShutDown", render(prog, "fuzz.a"), seed)
        self.assertIn("queue_put", seen)  # queues themselves still are generated
        self.assertTrue(any("queue_shutdown" in constructs(generate(s, ALL_FEATURES)) for s in range(400)))

    def test_nothing_excluded_gives_the_same_programs(self):
        for seed in range(20):
            self.assertEqual(generate(seed, ALL_FEATURES), generate(seed, ALL_FEATURES, exclude={}))

    def test_min_version_in_the_header(self):
        prog = next(p for s in range(400) for p in [generate(s, ALL_FEATURES)]
                    if "queue_shutdown" in constructs(p))
        self.assertEqual(fuzz_run.min_version_of(prog, self.registry), "3.13")
        src = render(prog, "queue.fuzz-x", min_version="3.13")
        self.assertEqual(compiler.compile_source(src, "fuzz/x.py")["meta"]["min_version"], "3.13")


class FakeEvaluator:
    """Diverges exactly when the program cancels a task (a synthetic bug)."""

    def __init__(self):
        self.runs = 0

    def evaluate(self, progs):
        out = {}
        for tag, prog in progs:
            self.runs += 1
            bad = any(c.split("(")[0] == "cancel" for c in constructs(prog))
            out[tag] = (("divergence", {"kind": "event"}, False, None, None) if bad else
                        ("ok", "", False, None, None))
        return out


class ShrinkTest(unittest.TestCase):
    def test_reduces_a_synthetic_divergence(self):
        ev = FakeEvaluator()
        seed, prog = next((s, p) for s in range(500) for p in [generate(s, ALL_FEATURES)]
                          if size(p) > 15 and any(c.split("(")[0] == "cancel" for c in constructs(p)))
        small, detail, rounds = shrink.shrink(prog, ev, seed)
        self.assertEqual(detail, {"kind": "event"})
        self.assertTrue(any(c.split("(")[0] == "cancel" for c in constructs(small)))
        self.assertLess(size(small), size(prog))
        self.assertLessEqual(size(small), 6, render(small, "fuzz.small"))
        compiler.compile_source(render(small, "fuzz.small"), "fuzz/small.py")


if __name__ == "__main__":
    unittest.main()
