"""The mutation check's catalogue and verdicts (spec/harness/mutants.py)."""

import tempfile
import unittest
from pathlib import Path

from harness import mutants, paths


class CatalogueTest(unittest.TestCase):
    def test_catalogue_is_valid(self):
        # Names, clause ids (spec/clauses), sources and the #ifdef at each
        # mutation point: load() checks them all.
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
        cases = {
            'name = "lower"': "UPPER_SNAKE_CASE",
            'name = "NO_SUCH_POINT"': "no `ASYNCSPEC_MUTANT_NO_SUCH_POINT`",
        }
        for name_line, needle in cases.items():
            text = f'''[[mutant]]
{name_line}
area = "loop"
clauses = ["loop.call-soon.fifo"]
sources = []
description = "x"
'''
            with tempfile.TemporaryDirectory() as tmp:
                p = Path(tmp) / "m.toml"
                p.write_text(text)
                with self.assertRaises(mutants.CatalogueError) as cm:
                    mutants.load(p)
                self.assertIn(needle, str(cm.exception))
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "m.toml"
            p.write_text('[[mutant]]\nname = "X"\narea = "loop"\nclauses = ["no.such.clause"]\n'
                         'sources = []\ndescription = "x"\n')
            with self.assertRaisesRegex(mutants.CatalogueError, "unknown clause"):
                mutants.load(p, check_points=False)

    def test_filter(self):
        cat = mutants.load()
        self.assertEqual([m.name for m in mutants.select(cat, "LOCK_BARGING")], ["LOCK_BARGING"])
        self.assertTrue(all(m.area == "gather" for m in mutants.select(cat, "gather")))


class JudgeTest(unittest.TestCase):
    M = mutants.Mutant("X", "lock", ["lock.acquire.no-barging"], [], "")

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
