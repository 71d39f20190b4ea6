"""`check --impl micropython`: MicroPython 1.27 (WebAssembly, npm) on Node.

Installs the npm package into <repo>/.cache/npm when missing (the same
runtimes.py helper as the check). Skipped only when Node.js >= 18 or npm is
absent. The whole suite runs in about a second on MicroPython."""

import textwrap
import time
import unittest

from asyncspec.check import checker
from asyncspec.spec import clauses
from asyncspec.check import expectations
from asyncspec import paths
from asyncspec import runtimes
from asyncspec.spec import scenarios as scenarios_mod

EXPECTATIONS = paths.EXPECTATIONS_DIR / "micropython.toml"
_RUNTIME = {}


def micropython():
    if "rt" not in _RUNTIME:
        try:
            _RUNTIME["rt"] = runtimes.micropython_runtime(clauses.load_features(), install=True)
        except runtimes.RuntimeUnavailable as exc:
            _RUNTIME["rt"] = exc
    rt = _RUNTIME["rt"]
    if isinstance(rt, Exception):
        raise unittest.SkipTest(f"MicroPython unavailable: {rt}")
    return rt


def request(src, name="scn.py"):
    return {"file": name, "source": textwrap.dedent(src), "mode": "virtual"}


class MicroPythonOracleTest(unittest.TestCase):
    def test_virtual_clock_and_rendering(self):
        rt = micropython()
        src = '''
            import asyncio, time

            class Boom(Exception):
                pass

            async def child():
                await asyncio.sleep(1000)
                return "late"

            async def main():
                log("start", time.ticks_ms(), 1.5, (1, "x"), [True, None])
                await asyncio.sleep(1.5)
                log("later", time.ticks_ms(), Boom(1), ValueError("text"), asyncio.CancelledError())
                log("slept", await asyncio.wait_for(child(), 2000))
                raise Boom("end")
            '''
        with runtimes.OracleProcess(rt) as proc:
            t0 = time.monotonic()
            first = proc.run(request(src))
            second = proc.run(request(src))
            self.assertLess(time.monotonic() - t0, 10)  # 1001.5 virtual seconds, no real waiting
        self.assertEqual(first["status"], "ok", first)
        self.assertEqual(first["trace"], second["trace"])  # the clock is reset per scenario
        self.assertEqual(first["trace"], [
            {"t": 0.0, "v": ["start", 0, 1.5, {"tuple": [1, "x"]}, [True, None]]},
            {"t": 1.5, "v": ["later", 1500, {"exc": "Boom", "args": [1]}, {"exc": "ValueError"},
                             {"exc": "CancelledError", "args": []}]},
            {"t": 1001.5, "v": ["slept", "late"]},
            {"t": 1001.5, "end": "raise", "exc": {"exc": "Boom", "args": ["end"]}},
        ])

    def test_bad_scenarios_cost_one_scenario(self):
        rt = micropython()
        with runtimes.OracleProcess(rt) as proc:
            spin = proc.run(request('''
                import asyncio
                async def main():
                    while True:
                        await asyncio.sleep(0)
                '''))
            dead = proc.run(request('''
                import asyncio
                async def main():
                    await asyncio.Event().wait()
                '''))
            syntax = proc.run(request("async def main(:\n"))
            nomain = proc.run(request("x = 1\n"))
            unrenderable = proc.run(request('''
                async def main():
                    log("x", object())
                '''))
            busy = proc.run(request('''
                async def main():
                    while True:
                        pass
                '''), timeout=3)
            after = proc.run(request('''
                async def main():
                    log("fresh")
                '''))
        self.assertEqual(spin["status"], "hang", spin)
        self.assertIn("loop iterations", spin["error"])
        self.assertEqual(dead["status"], "hang", dead)
        self.assertIn("deadlock", dead["error"])
        for res in (syntax, nomain, unrenderable):
            self.assertEqual(res["status"], "error", res)
        self.assertIn("no async def main", nomain["error"])
        self.assertEqual(busy["status"], "hang", busy)
        self.assertIn("wall clock", busy["error"])
        self.assertEqual(after["status"], "ok", after)
        self.assertEqual(after["trace"][0]["v"], ["fresh"])

    def test_declared_features_are_what_micropython_has(self):
        """The features runtimes.py declares (and those it does not) checked
        against the running MicroPython, not a note."""
        rt = micropython()
        probes = {
            "gather": 'hasattr(asyncio, "gather")',
            "wait-for": 'hasattr(asyncio, "wait_for")',
            "lock": 'hasattr(asyncio, "Lock")',
            "event": 'hasattr(asyncio, "Event")',
            "futures": 'hasattr(asyncio, "Future") or hasattr(loop, "create_future")',
            "call-soon": 'hasattr(loop, "call_soon") or hasattr(asyncio, "get_running_loop")',
            "call-later": 'hasattr(loop, "call_later") or hasattr(loop, "time")',
            "task-names": 'hasattr(t, "get_name")',
            "cancel-msg": 'cancel_msg(t)',
            "uncancel": 'hasattr(t, "cancelling") or hasattr(t, "uncancel")',
            "all-tasks": 'hasattr(asyncio, "all_tasks")',
            "wait": 'hasattr(asyncio, "wait")',
            "as-completed": 'hasattr(asyncio, "as_completed")',
            "as-completed-async": 'hasattr(asyncio, "as_completed")',
            "shield": 'hasattr(asyncio, "shield")',
            "timeout": 'hasattr(asyncio, "timeout")',
            "taskgroup": 'hasattr(asyncio, "TaskGroup")',
            "exception-groups": '"ExceptionGroup" in dir(builtins)',
            "eager-tasks": 'hasattr(asyncio, "eager_task_factory")',
            "eager-start": 'hasattr(asyncio, "eager_task_factory")',
            "call-graph": 'hasattr(asyncio, "capture_call_graph")',
            "threads": 'has_module("_thread") or hasattr(asyncio, "to_thread")',
            "condition": 'hasattr(asyncio, "Condition")',
            "semaphore": 'hasattr(asyncio, "Semaphore")',
            "barrier": 'hasattr(asyncio, "Barrier")',
            "queue": 'hasattr(asyncio, "Queue")',
            "queue-shutdown": 'hasattr(asyncio, "QueueShutDown")',
        }
        all_features = set(clauses.load_features())
        self.assertEqual(set(probes), all_features, "a feature of spec/features.toml has no probe here")
        lines = "\n".join(f"    log({name!r}, bool({expr}))" for name, expr in sorted(probes.items()))
        src = ("import asyncio, builtins\n\n"
               "def cancel_msg(t):\n    try:\n        t.cancel('m')\n        return True\n"
               "    except TypeError:\n        return False\n\n"
               "def has_module(name):\n    try:\n        __import__(name)\n        return True\n"
               "    except ImportError:\n        return False\n\n"
               "async def child():\n    await asyncio.sleep(1)\n\n"
               "async def main():\n    loop = asyncio.get_event_loop()\n"
               "    t = asyncio.create_task(child())\n" + lines + "\n")
        with runtimes.OracleProcess(rt) as proc:
            res = proc.run({"file": "probe.py", "source": src, "mode": "virtual"})
        self.assertEqual(res["status"], "ok", res)
        has = {e["v"][0] for e in res["trace"] if "v" in e and e["v"][1] is True}
        self.assertEqual(has, set(runtimes.MICROPYTHON_FEATURES))
        self.assertEqual(rt.unsupported, frozenset(all_features - has))


class MicroPythonCheckTest(unittest.TestCase):
    def test_whole_suite_is_green_against_its_expectations(self):
        rt = micropython()
        exp = expectations.load(EXPECTATIONS)
        self.assertEqual(exp.implementation, "micropython")
        all_scs, errors = scenarios_mod.load_all()
        self.assertEqual(errors, [])
        t0 = time.monotonic()
        results, python, _, _ = checker.run_check(all_scs, rt, rt.version, progress=False)
        self.assertLess(time.monotonic() - t0, 60)
        self.assertEqual(python, "1.27.0")
        ev = expectations.evaluate(exp, {r["id"]: r["status"] for r in results}, {sc.id for sc in all_scs})
        self.assertEqual([(o.verdict, o.id, o.message) for o in ev.red], [])
        counts = {}
        for r in results:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        # What the file implies: its entries fail with their kind, every other
        # scenario MicroPython runs passes, the rest is skipped for a feature
        # it lacks (or version bounds excluding its 3.11 profile).
        kinds = {"TRACE_MISMATCH": "fail", "CRASH": "crash", "HANG": "hang"}
        implied = {}
        for entry in exp.entries.values():
            st = kinds.get(entry.kind, "fail")
            implied[st] = implied.get(st, 0) + 1
        skipped = sum(1 for sc in all_scs
                      if not rt.supports(sc.features) or not sc.applies_to(rt.version))
        implied["skip"] = skipped
        implied["pass"] = len(all_scs) - skipped - len(exp.entries)
        self.assertEqual({k: v for k, v in counts.items() if v}, {k: v for k, v in implied.items() if v})
        for r in results:
            if r["status"] == "skip":
                self.assertNotIn(r["id"], exp.entries)

    def test_expectation_reasons_are_one_line(self):
        exp = expectations.load(EXPECTATIONS)
        for entry in exp.entries.values():
            self.assertTrue(entry.reason.strip() and "\n" not in entry.reason, entry.id)


if __name__ == "__main__":
    unittest.main()
