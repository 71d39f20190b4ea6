"""Clause coverage: every clause covered; unknown clauses/features rejected."""

import tempfile
import unittest
from pathlib import Path

from asyncspec.spec import coverage

CLAUSES = '''
[[clause]]
id = "demo.covered"
level = "MUST"
rule = "r"
versions = "3.11+"
source = "s"

[[clause]]
id = "demo.uncovered"
level = "SHOULD"
rule = "r"
versions = "3.12+"
source = "s"
'''

SCENARIO = '''"""
id = "demo.one"
clauses = ["demo.covered", "demo.nonexistent"]
features = ["call-soon", "teleport"]
description = "d"
"""
import asyncio


async def main():
    pass
'''


class CoverageTest(unittest.TestCase):
    def test_checked_in_suite_is_covered(self):
        cov = coverage.compute()
        self.assertEqual(cov.problems, [])
        self.assertEqual(cov.uncovered, [])

    def test_problems(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "clauses").mkdir()
            (root / "clauses" / "demo.toml").write_text(CLAUSES)
            (root / "scenarios" / "demo").mkdir(parents=True)
            (root / "scenarios" / "demo" / "one.py").write_text(SCENARIO)
            (root / "features.toml").write_text('[features]\ncall-soon = "x"\n')
            cov = coverage.compute(root / "scenarios", root / "clauses", root / "features.toml")
        text = "\n".join(cov.problems)
        self.assertEqual(cov.by_clause["demo.covered"], ["demo.one"])
        self.assertEqual(cov.uncovered, ["demo.uncovered"])
        self.assertIn("one.py:3: demo.one: unknown clause 'demo.nonexistent'", text)
        self.assertIn("one.py:4: demo.one: unknown feature 'teleport'", text)
        self.assertRegex(text, r"demo\.toml:9: clause demo\.uncovered is covered by no scenario")
        self.assertEqual(len(cov.problems), 3)

    def test_bad_clause_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "clauses").mkdir()
            (root / "clauses" / "demo.toml").write_text(CLAUSES.replace('level = "SHOULD"', 'level = "MAY"'))
            (root / "scenarios").mkdir()
            (root / "features.toml").write_text('[features]\n')
            cov = coverage.compute(root / "scenarios", root / "clauses", root / "features.toml")
        self.assertTrue(any("demo.toml:9: clause demo.uncovered: level" in p for p in cov.problems), cov.problems)


if __name__ == "__main__":
    unittest.main()
