"""spec/CHANGELOG-asyncio.md (asyncspec/spec/changelog.py): generated from
the clauses, the recorded traces and the reference's profile rules; the
checked-in page must be the generated one."""

import contextlib
import io
import unittest

from asyncspec import cli
from asyncspec.spec import changelog

PROFILE = """\
class Profile {
    // ---- tasks
    // a.one, a.two (3.13+): the first rule,
    // over two lines. 3.11, 3.12: not so.
    constexpr bool first_rule() const { return at_least(13); }
    // b.only (3.13 only): the second.
    constexpr bool second_rule() const { return minor_ == 13; }
    // a.three (3.13+): see first_rule.
    // c.four (3.14+): a call like f(x, name=N) is no section.
    constexpr bool third_rule() const { return at_least(12) && !at_least(14); }
    static constexpr int not_a_rule = 3;
};
"""


class VersionsTest(unittest.TestCase):
    def test_versions_of(self):
        known = ("3.11", "3.12", "3.13", "3.14")
        self.assertEqual(changelog.versions_of("3.11+", known), known)
        self.assertEqual(changelog.versions_of("3.13+", known), ("3.13", "3.14"))
        self.assertEqual(changelog.versions_of("3.11-3.12", known), ("3.11", "3.12"))
        self.assertEqual(changelog.versions_of("3.12", known), ("3.12",))
        self.assertTrue(changelog.holds_in("3.12+", "3.14"))
        self.assertFalse(changelog.holds_in("3.13+", "3.12"))

    def test_span(self):
        known = ("3.11", "3.12", "3.13", "3.14")
        self.assertEqual(changelog.span(("3.13", "3.14"), known), "3.13+")
        self.assertEqual(changelog.span(("3.13",), known), "3.13 only")
        self.assertEqual(changelog.span(("3.11", "3.12"), known), "3.11-3.12")


class ProfileParseTest(unittest.TestCase):
    def test_rules_clauses_and_versions(self):
        rules = {r["name"]: r for r in changelog.parse_profile(PROFILE)}
        self.assertEqual(sorted(rules), ["first_rule", "second_rule", "third_rule"])
        self.assertEqual(rules["first_rule"]["holds"], ("3.13", "3.14"))
        self.assertEqual(rules["second_rule"]["holds"], ("3.13",))
        self.assertEqual(rules["third_rule"]["holds"], ("3.12", "3.13"))
        # "a.three (3.13+): see first_rule" gives a.three to first_rule
        self.assertEqual(rules["first_rule"]["clauses"], ["a.one", "a.two", "a.three"])
        self.assertEqual(rules["second_rule"]["clauses"], ["b.only"])
        self.assertEqual(rules["third_rule"]["clauses"], ["c.four"])
        self.assertEqual(rules["first_rule"]["line"], 5)

    def test_unreadable_expression_is_an_error(self):
        with self.assertRaises(changelog.ProfileError):
            changelog.parse_profile("// a.b (3.13+): x\nconstexpr bool r() const { return frob(13); }\n")


class ChangelogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text, cls.changes, cls.problems = changelog.build()
        cls.rules = changelog.load_profile()

    def test_checked_in_page_is_current(self):
        try:
            current = changelog.CHANGELOG_FILE.read_text(encoding="utf-8")
        except OSError:
            current = ""
        self.assertTrue(current == self.text,
                        "spec/CHANGELOG-asyncio.md is stale: regenerate with "
                        "`python3 spec/harness/asyncspec changelog`")

    def test_profile_names_known_clauses(self):
        self.assertEqual(self.problems["unknown_rule_clauses"], [])
        for r in self.rules:
            self.assertTrue(r["clauses"], f"profile rule {r['name']} names no clause")

    def test_every_trace_difference_is_attributed(self):
        self.assertEqual(self.problems["unattributed"], [])

    def test_every_profile_rule_change_has_its_entries(self):
        for r in self.rules:
            for a, b in changelog.steps():
                if (a in r["holds"]) != (b in r["holds"]):
                    for cid in r["clauses"]:
                        self.assertIn(cid, self.changes[(a, b)], f"{r['name']}: {cid} at {a} -> {b}")
                        self.assertIn(f"`{r['name']}()`", self.text)

    def test_every_step_has_entries_with_evidence(self):
        for step, entries in self.changes.items():
            self.assertTrue(entries, step)
            for cid, e in entries.items():
                self.assertTrue(e["scenarios"], f"{cid} at {step}: no scenario")

    def test_cli_writes_and_checks(self):
        # -o elsewhere: the same text (links are relative to spec/, wherever
        # the page is written); --check: 0 on that page, 1 once it differs
        import tempfile
        from pathlib import Path

        def run(*argv):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                return cli.main(["changelog", *argv])

        with tempfile.TemporaryDirectory() as d:
            page = Path(d) / "page.md"
            self.assertEqual(run("-o", str(page)), 0)
            self.assertEqual(page.read_text(encoding="utf-8"), self.text)
            self.assertEqual(run("--check", "-o", str(page)), 0)
            page.write_text(self.text + "edited by hand\n", encoding="utf-8")
            self.assertEqual(run("--check", "-o", str(page)), 1)
        self.assertIn("](../reference/include/asyncio/profile.hpp", self.text)
        self.assertIn("](scenarios/", self.text)

if __name__ == "__main__":
    unittest.main()
