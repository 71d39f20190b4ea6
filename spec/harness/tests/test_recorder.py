"""record/verify on a small temporary scenario set (pyenv CPythons only)."""

import json
import shutil
import tempfile
import unittest
from pathlib import Path

from asyncspec.spec import expected
from asyncspec.spec import recorder
from asyncspec import runtimes
from asyncspec.spec import scenarios

HEADER = '''"""
id = "{id}"
clauses = ["loop.call-soon.fifo"]
features = [{features}]
description = "test"
{extra}
"""
import asyncio
'''

SCENARIOS = {
    "demo/plain.py": ("demo.plain", "", "", '''
async def main():
    log("a")
    await asyncio.sleep(1)
    log("b", 1.5)
'''),
    # 3.11/3.12 number a named create_task, 3.13+ does not: version-scoped.
    "demo/scoped.py": ("demo.scoped", "", "", '''
async def child():
    pass

async def main():
    t1 = asyncio.create_task(child())
    t2 = asyncio.create_task(child(), name="x")
    t3 = asyncio.create_task(child())
    log("names", t1.get_name(), t2.get_name(), t3.get_name())
    await asyncio.gather(t1, t2, t3)
'''),
    # Sibling cancellation order varies; declared unordered, so the recording
    # must still be byte-stable.
    "demo/unordered.py": ("demo.unordered", '"taskgroup"', 'unordered = [["cancelled"]]', '''
class Boom(Exception):
    pass

async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log("cancelled", name)
        raise

async def bad():
    await asyncio.sleep(0.1)
    raise Boom()

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for name in ["p", "q", "r", "s", "t", "u"]:
                tg.create_task(sleeper(name))
            tg.create_task(bad())
    except* Boom:
        log("boom")
'''),
    "demo/min.py": ("demo.min", "", 'min_version = "3.12"', '''
async def main():
    log("only 3.12+")
'''),
}

BROKEN = {
    "demo/nondet.py": ("demo.nondet", "", "", '''
import time

async def main():
    log("now", time.time())
'''),
    "demo/hang.py": ("demo.hang", "", "", '''
async def main():
    while True:
        await asyncio.sleep(0)
'''),
    "demo/nomain.py": ("demo.nomain", "", "", '''
async def main():
    pass

del main
'''),
}


def available_versions():
    return tuple(v for v in ("3.11", "3.13") if runtimes.pyenv_python(v))


def write(root, table):
    for rel, (sid, feats, extra, body) in table.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(HEADER.format(id=sid, features=feats, extra=extra) + body)


@unittest.skipUnless(available_versions(), "no pyenv CPython 3.11/3.13")
class RecorderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.sc_dir = self.tmp / "scenarios"
        self.exp_dir = self.tmp / "expected"
        self.versions = available_versions()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def load(self):
        scs, errors = scenarios.load_all(self.sc_dir)
        self.assertEqual(errors, [])
        return scs

    def record(self, scs):
        return recorder.record(scs, all_scenarios=scs, expected_dir=self.exp_dir, jobs=2,
                               versions=self.versions, install=False, log=None)

    def snapshot(self):
        return {p.relative_to(self.exp_dir).as_posix(): p.read_bytes()
                for p in sorted(self.exp_dir.rglob("*.json"))}

    def test_record_twice_identical_and_verify(self):
        write(self.sc_dir, SCENARIOS)
        scs = self.load()
        summary, problems = self.record(scs)
        self.assertEqual(problems, [], [p.format() for p in problems])
        first = self.snapshot()
        self.assertEqual(sorted(first), ["demo/demo.min.json", "demo/demo.plain.json",
                                         "demo/demo.scoped.json", "demo/demo.unordered.json"])
        summary, problems = self.record(scs)
        self.assertEqual(problems, [])
        self.assertEqual(summary["written"], 0)
        self.assertEqual(self.snapshot(), first)
        # Recording a subset of the versions keeps the others' traces.
        recorder.record(scs, all_scenarios=scs, expected_dir=self.exp_dir, versions=self.versions[-1:],
                        install=False, log=None)
        self.assertEqual(self.snapshot(), first)

        doc = json.loads(first["demo/demo.plain.json"])
        self.assertEqual(doc["traces"][0]["versions"], list(self.versions))
        self.assertFalse(doc["version_scoped"])
        self.assertEqual(doc["traces"][0]["trace"][1], {"line": 13, "t": 1.0, "v": ["b", 1.5]})
        doc = json.loads(first["demo/demo.min.json"])
        self.assertNotIn("3.11", doc["traces"][0]["versions"])
        if self.versions == ("3.11", "3.13"):
            doc = json.loads(first["demo/demo.scoped.json"])
            self.assertTrue(doc["version_scoped"])
            self.assertEqual([t["versions"] for t in doc["traces"]], [["3.11"], ["3.13"]])
            self.assertIn("3.11", summary["python"])

        summary, problems = recorder.verify(scs, all_scenarios=scs, expected_dir=self.exp_dir,
                                            versions=self.versions, install=False, log=None)
        self.assertEqual(problems, [])
        self.assertEqual(summary["ok"], len(scs))

        # A hand-edited expected trace is caught, with a diff.
        path = self.exp_dir / "demo" / "demo.plain.json"
        path.write_text(path.read_text().replace('"b", 1.5', '"b", 2.5'))
        summary, problems = recorder.verify(scs, all_scenarios=scs, expected_dir=self.exp_dir,
                                            versions=self.versions, install=False, log=None)
        self.assertEqual([(p.scenario, p.kind) for p in problems], [("demo.plain", "diff")])
        self.assertIn('expected: t=1.0 log("b", 2.5)', problems[0].detail)
        self.assertIn("first divergence at event #1", problems[0].detail)

        # An expected trace without scenario is stale; record deletes it.
        (self.exp_dir / "demo" / "demo.gone.json").write_text("{}")
        summary, problems = recorder.verify(scs, all_scenarios=scs, expected_dir=self.exp_dir,
                                            versions=self.versions, install=False, log=None)
        self.assertIn(("demo.gone", "stale"), [(p.scenario, p.kind) for p in problems])
        summary, problems = self.record(scs)
        self.assertEqual(len(summary["deleted"]), 1)
        self.assertFalse((self.exp_dir / "demo" / "demo.gone.json").exists())
        self.assertEqual(self.snapshot(), first)

    def test_broken_scenarios_reported(self):
        write(self.sc_dir, BROKEN)
        scs = self.load()
        summary, problems = self.record(scs)
        kinds = {(p.scenario, p.kind) for p in problems}
        self.assertIn(("demo.nondet", "nondeterministic"), kinds)
        self.assertIn(("demo.hang", "hang"), kinds)
        self.assertIn(("demo.nomain", "error"), kinds)
        self.assertEqual(self.snapshot(), {})

    def test_process_survives_wall_clock_hang(self):
        write(self.sc_dir, SCENARIOS)
        (self.sc_dir / "demo" / "spin.py").write_text(
            HEADER.format(id="demo.spin", features="", extra="") + "\nasync def main():\n    while True:\n        pass\n")
        scs = self.load()
        run = recorder.run_oracles(scs, versions=self.versions[:1], passes=1, jobs=1, timeout=3,
                                   install=False, log=None)
        v = self.versions[0]
        self.assertEqual(run.results[(v, "demo.spin")][0]["status"], "hang")
        # every other scenario still ran (the process was restarted)
        for sc in scs:
            if sc.id != "demo.spin" and sc.applies_to(v):
                self.assertEqual(run.results[(v, sc.id)][0]["status"], "ok", sc.id)


class ExpectedFormatTest(unittest.TestCase):
    def test_trace_for_profile(self):
        doc = {"traces": [{"versions": ["3.11", "3.12"], "trace": ["A"]}, {"versions": ["3.13"], "trace": ["B"]}]}
        self.assertEqual(expected.trace_for(doc, "3.12"), ["A"])
        self.assertEqual(expected.trace_for(doc, "3.13"), ["B"])
        self.assertEqual(expected.trace_for(doc, "3.14"), ["B"])   # newer than all recorded
        doc = {"traces": [{"versions": ["3.12"], "trace": ["A"]}]}
        self.assertIsNone(expected.trace_for(doc, "3.11"))


if __name__ == "__main__":
    unittest.main()
