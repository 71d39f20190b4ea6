"""check --impl-command: a misbehaving runner costs one scenario, never the run."""

import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

from asyncspec.check import checker
from asyncspec.spec import scenarios

FAKE = textwrap.dedent('''
    import json, sys, time
    args = sys.argv[1:]
    if args == ["--describe"]:
        print(json.dumps({"protocol": 1, "implementation": "fake", "profile": "3.13",
                          "features": FEATURES}))
        sys.exit(0)
    bundle = json.load(open(args[args.index("--bundle") + 1]))
    if "--id" in args:
        ids = [args[args.index("--id") + 1]]
    else:
        ids = [l.strip() for l in open(args[args.index("--ids-from") + 1]) if l.strip()]
    by_id = {s["id"]: s for s in bundle["scenarios"]}
    for sid in ids:
        if sid == CRASH:
            sys.exit(-11 % 256)
        if sid == HANG:
            time.sleep(3600)
        trace = by_id[sid]["expected"]["3.13"]
        if sid == WRONG:
            trace = list(reversed(trace))
        print(json.dumps({"id": sid, "status": "ok", "trace": trace}), flush=True)
''')


class CommandRunnerTest(unittest.TestCase):
    def test_isolation(self):
        scs, _ = scenarios.load_all()
        scs = [s for s in scs if s.applies_to("3.13") and "threads" not in s.features][:6]
        if len(scs) < 6:
            self.skipTest("not enough scenarios")
        features = sorted({f for s in scs for f in s.features})
        ids = [s.id for s in scs]
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "fake_runner.py"
            script.write_text(f"FEATURES = {features!r}\nCRASH = {ids[1]!r}\nHANG = {ids[3]!r}\nWRONG = {ids[4]!r}\n" + FAKE)
            rt = checker.resolve(impl_command=f"{sys.executable} {script}")
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
