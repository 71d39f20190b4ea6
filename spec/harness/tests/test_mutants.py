"""The mutation check's catalogue and verdicts (spec/harness/mutants.py)."""

import tempfile
import unittest
from pathlib import Path

from asyncspec import mutants
from asyncspec import paths


class CatalogueTest(unittest.TestCase):
    def test_catalogue_is_valid(self):
        # Names, clause ids (spec/clauses) and each patch still applying to
        # today's sources: load() checks them all.
        cat = mutants.load()
        self.assertGreaterEqual(len(cat), 25)
        self.assertEqual(len({m.name for m in cat}), len(cat))

    def test_no_impl_defined_clause_is_mutated(self):
        import tomllib
        levels = {}
        for f in paths.CLAUSES_DIR.glob("*.toml"):
            with open(f, "rb") as fh:
                for c in tomllib.load(fh)["clause"]:
                    levels[c["id"]] = c.get("level")
        for m in mutants.load():
            for c in m.clauses:
                self.assertNotEqual(levels[c], "IMPL-DEFINED", f"{m.name} breaks an IMPL-DEFINED clause {c}")

    def test_bad_catalogue_errors_name_the_problem(self):
        def load(name, patch=None, clauses='["loop.call-soon.fifo"]', check_points=True):
            with tempfile.TemporaryDirectory() as tmp:
                p = Path(tmp) / "m.toml"
                p.write_text(f'[[mutant]]\nname = "{name}"\narea = "loop"\nclauses = {clauses}\n'
                             f'description = "x"\n')
                if patch is not None:
                    (Path(tmp) / "patches").mkdir()
                    (Path(tmp) / "patches" / f"{name}.patch").write_text(patch)
                return mutants.load(p, check_points=check_points)

        with self.assertRaisesRegex(mutants.CatalogueError, "UPPER_SNAKE_CASE"):
            load("lower")
        with self.assertRaisesRegex(mutants.CatalogueError, "no patch .*NO_PATCH.patch"):
            load("NO_PATCH")
        with self.assertRaisesRegex(mutants.CatalogueError, "unknown clause"):
            load("X", clauses='["no.such.clause"]', check_points=False)
        # A patch that no longer applies to the sources fails loudly.
        stale = ("--- a/reference/src/tasks.cpp\n+++ b/reference/src/tasks.cpp\n@@ -1,2 +1,2 @@\n"
                 "-this line is not in tasks.cpp\n+nor this one\n context\n")
        with self.assertRaisesRegex(mutants.CatalogueError, "does not apply"):
            load("STALE", stale)
        outside = "--- a/spec/x.py\n+++ b/spec/x.py\n@@ -1 +1 @@\n-a\n+b\n"
        with self.assertRaisesRegex(mutants.CatalogueError, "neither under reference/ nor conformance/"):
            load("OUTSIDE", outside)

    def test_reference_carries_no_mutation_switch(self):
        # The mutants live in their patches; the sources read like CPython's.
        for sub in ("reference", "conformance/include"):
            for f in (paths.REPO_DIR / sub).rglob("*"):
                if f.suffix in (".cpp", ".hpp"):
                    self.assertNotIn("ASYNCSPEC_MUTANT", f.read_text(encoding="utf-8"), f)

    def test_scratch_tree_applies_and_restores(self):
        m = next(m for m in mutants.load() if m.name == "LOCK_BARGING")
        with tempfile.TemporaryDirectory() as tmp:
            mutants.sync_tree(tmp)
            target = Path(tmp) / mutants.patched_files(m.patch_text())[0]
            clean = target.read_text()
            self.assertIsNone(mutants.apply_patch(m, tmp))
            self.assertNotEqual(target.read_text(), clean)
            mutants.sync_tree(tmp)
            self.assertEqual(target.read_text(), clean)

    def test_filter(self):
        cat = mutants.load()
        self.assertEqual([m.name for m in mutants.select(cat, "LOCK_BARGING")], ["LOCK_BARGING"])
        self.assertTrue(all(m.area == "gather" for m in mutants.select(cat, "gather")))


class JudgeTest(unittest.TestCase):
    M = mutants.Mutant("X", "lock", ["lock.acquire.no-barging"], "")

    def test_killed_by_scenarios_passing_on_the_reference(self):
        base = {"lock.a": "pass", "lock.b": "pass", "loop.c": "fail", "lock.d": "skip"}
        status, killers, _ = mutants.judge(self.M, base, {"lock.a": "pass", "lock.b": "hang",
                                                          "loop.c": "fail", "lock.d": "crash"})
        self.assertEqual((status, killers), ("killed", [("lock.b", "hang")]))
        status, killers, _ = mutants.judge(self.M, base, {"lock.a": "pass", "loop.c": "fail"})
        self.assertEqual((status, killers), ("killed", [("lock.b", "missing")]))

    def test_survived(self):
        base = {"lock.a": "pass", "loop.c": "pass"}
        status, _, reason = mutants.judge(self.M, base, dict(base))
        self.assertEqual(status, "survived")
        self.assertIn("missing", reason)
        status, _, reason = mutants.judge(self.M, {"lock.a": "skip", "loop.c": "pass"},
                                          {"lock.a": "skip", "loop.c": "pass"})
        self.assertIn("not runnable", reason)


if __name__ == "__main__":
    unittest.main()
