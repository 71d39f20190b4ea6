"""check --impl-command: a misbehaving runner costs one scenario, never the run."""

import tempfile
import unittest

from asyncspec.check import checker
from asyncspec.spec import scenarios
from tests import fakes

class CommandRunnerTest(unittest.TestCase):
    def test_isolation(self):
        scs, _ = scenarios.load_all()
        scs = [s for s in scs if s.applies_to("3.13") and "threads" not in s.features][:6]
        if len(scs) < 6:
            self.skipTest("not enough scenarios")
        features = sorted({f for s in scs for f in s.features})
        ids = [s.id for s in scs]
        with tempfile.TemporaryDirectory() as tmp:
            command = fakes.make_runner(tmp, features, {ids[1]: "crash", ids[3]: "hang", ids[4]: "wrong"})
            rt = checker.resolve(impl_command=command)
            self.assertEqual((rt.name, rt.version), ("fake", "3.13"))
            results, _, _, _ = checker.run_check(scs, rt, "3.13", jobs=1, timeout=4, progress=False)
        status = {r["id"]: r["status"] for r in results}
        self.assertEqual(status[ids[0]], "pass")
        self.assertEqual(status[ids[1]], "crash")
        self.assertEqual(status[ids[2]], "pass")
        self.assertEqual(status[ids[3]], "hang")
        self.assertEqual(status[ids[4]], "fail")
        self.assertEqual(status[ids[5]], "pass")


if __name__ == "__main__":
    unittest.main()
