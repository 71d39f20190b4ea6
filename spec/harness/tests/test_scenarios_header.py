"""Scenario headers: parsed with tomllib, every error names file:line."""

import tempfile
import textwrap
import unittest
from pathlib import Path

from asyncspec.spec import scenarios

GOOD = '''"""
id = "loop.sample"
clauses = ["loop.call-soon.fifo"]
features = ["call-soon"]
description = "A sample."
unordered = [["a", "b"]]
min_version = "3.12"
"""
import asyncio


async def main():
    log("x")
'''


class HeaderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        (self.root / "loop").mkdir()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, text, name="sample.py", area="loop"):
        d = self.root / area
        d.mkdir(exist_ok=True)
        p = d / name
        p.write_text(textwrap.dedent(text) if not text.startswith('"""') else text)
        return p

    def error(self, text, **kw):
        p = self.write(text, **kw)
        with self.assertRaises(scenarios.HeaderError) as cm:
            scenarios.parse_scenario(p, relpath=f"{p.parent.name}/{p.name}")
        return cm.exception

    def test_good(self):
        sc = scenarios.parse_scenario(self.write(GOOD))
        self.assertEqual(sc.id, "loop.sample")
        self.assertEqual(sc.area, "loop")
        self.assertEqual(sc.unordered, [["a", "b"]])
        self.assertFalse(sc.applies_to("3.11"))
        self.assertTrue(sc.applies_to("3.14"))
        self.assertEqual(sc.line_of("features"), 4)

    def test_toml_syntax_error_line(self):
        e = self.error(GOOD.replace('features = ["call-soon"]', 'features = ["call-soon"'))
        self.assertEqual(e.file, "loop/sample.py")
        self.assertIn(e.line, (4, 5))
        self.assertTrue(str(e).startswith(f"loop/sample.py:{e.line}: bad TOML header"), str(e))

    def test_missing_key(self):
        e = self.error(GOOD.replace('description = "A sample."\n', ""))
        self.assertIn("description", e.reason)
        self.assertEqual(e.line, 1)

    def test_unknown_key_line(self):
        e = self.error(GOOD.replace('min_version = "3.12"', 'min_verison = "3.12"'))
        self.assertEqual(e.line, 7)
        self.assertIn("min_verison", str(e))

    def test_bad_types(self):
        e = self.error(GOOD.replace('clauses = ["loop.call-soon.fifo"]', 'clauses = "loop.call-soon.fifo"'))
        self.assertEqual((e.line, "clauses" in e.reason), (3, True))
        e = self.error(GOOD.replace('unordered = [["a", "b"]]', 'unordered = ["a", "b"]'))
        self.assertEqual(e.line, 6)

    def test_bad_version(self):
        e = self.error(GOOD.replace('min_version = "3.12"', 'min_version = "3.12.1"'))
        self.assertEqual(e.line, 7)

    def test_id_must_start_with_area(self):
        e = self.error(GOOD.replace('id = "loop.sample"', 'id = "tasks.sample"'))
        self.assertEqual(e.line, 2)
        self.assertIn("area", e.reason)

    def test_no_docstring(self):
        e = self.error("import asyncio\n\nasync def main():\n    pass\n")
        self.assertEqual(e.line, 1)

    def test_syntax_error(self):
        e = self.error(GOOD + "\ndef broken(:\n")
        self.assertEqual(e.line, GOOD.count("\n") + 2)

    def test_no_main(self):
        e = self.error(GOOD.replace("async def main", "async def mian"))
        self.assertIn("main", e.reason)

    def test_header_not_on_first_line(self):
        text = "# comment\n\n" + GOOD.replace('features = ["call-soon"]', 'features = [call-soon]')
        e = self.error(text)
        self.assertEqual(e.line, 6)

    def test_label_in_two_groups(self):
        e = self.error(GOOD.replace('unordered = [["a", "b"]]', 'unordered = [["a", "b"], ["b"]]'))
        self.assertEqual(e.line, 6)

    def test_load_all_duplicate_ids(self):
        self.write(GOOD, "one.py")
        self.write(GOOD, "two.py")
        scs, errors = scenarios.load_all(self.root)
        self.assertEqual(len(scs), 1)
        self.assertEqual(len(errors), 1)
        self.assertIn("duplicate id", str(errors[0]))
        self.assertRegex(str(errors[0]), r"two\.py:2: ")

    def test_broken_file_keeps_what_its_header_says(self):
        self.write(GOOD.replace("async def main", "async def mian"))
        scs, broken = scenarios.load_suite(self.root)
        self.assertEqual(scs, [])
        self.assertEqual([(b.id, b.clauses, b.features) for b in broken],
                         [("loop.sample", ["loop.call-soon.fifo"], ["call-soon"])])

    def test_select(self):
        self.write(GOOD, "one.py")
        self.write(GOOD.replace("loop.sample", "tasks.other"), "other.py", area="tasks")
        scs, errors = scenarios.load_all(self.root)
        self.assertEqual(errors, [])
        self.assertEqual([s.id for s in scenarios.select(scs, "tasks")], ["tasks.other"])
        self.assertEqual([s.id for s in scenarios.select(scs, r"^loop\.")], ["loop.sample"])
        self.assertEqual(len(scenarios.select(scs, None)), 2)


class SuiteHeadersTest(unittest.TestCase):
    def test_checked_in_scenarios_parse(self):
        scs, errors = scenarios.load_all()
        self.assertEqual([str(e) for e in errors], [])


if __name__ == "__main__":
    unittest.main()
