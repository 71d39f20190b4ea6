"""The bundle carries metadata, IR, expected traces and the clause registry."""

import unittest

from asyncspec.spec import bundle
from asyncspec.spec import scenarios


class BundleTest(unittest.TestCase):
    def test_structure(self):
        scs, errors = scenarios.load_all()
        scs = scs[:5]
        if not scs:
            self.skipTest("no scenarios")
        doc = bundle.build(scs)
        self.assertEqual(doc["suite_version"], bundle.SUITE_VERSION)
        self.assertEqual([s["id"] for s in doc["scenarios"]], sorted(s.id for s in scs))
        ids = {c["id"] for c in doc["clauses"]}
        for s in doc["scenarios"]:
            self.assertTrue(set(s["clauses"]) <= ids)
            self.assertIn("expected", s)
            self.assertIn("ir", s)
        covered = {sid for c in doc["clauses"] for sid in c["scenarios"]}
        self.assertTrue({s.id for s in scs} <= covered)


if __name__ == "__main__":
    unittest.main()
