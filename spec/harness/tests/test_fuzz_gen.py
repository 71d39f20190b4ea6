"""The fuzzer's program model: generated programs render to scenarios the
compiler accepts, within the features asked for; the shrinker reduces a
(synthetic) divergence to a small program that still has it."""

import unittest

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
