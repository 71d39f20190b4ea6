"""The oracle itself (in-process, on the interpreter running the tests)."""

import asyncio
import gc
import textwrap
import unittest

from asyncspec.runtimes import oracle


def run(src, **kw):
    return oracle.run_scenario(textwrap.dedent(src), "scn.py", **kw)[0]


class OracleTest(unittest.TestCase):
    def test_trace_times_lines_and_end(self):
        trace = run('''
            import asyncio

            async def main():
                log("a", 1)
                await asyncio.sleep(1.5)
                log("b", [1, (2, 3)], None)
                return 7
            ''')
        self.assertEqual(trace, [
            {"t": 0.0, "v": ["a", 1], "line": 5},
            {"t": 1.5, "v": ["b", [1, {"tuple": [2, 3]}], None], "line": 7},
            {"t": 1.5, "end": "return", "value": 7},
        ])

    def test_callback_log_has_no_line(self):
        trace = run('''
            import asyncio

            async def main():
                asyncio.get_running_loop().call_soon(log, "cb")
                await asyncio.sleep(0)
            ''')
        self.assertEqual(trace[0], {"t": 0.0, "v": ["cb"]})

    def test_exception_rendering(self):
        trace = run('''
            import asyncio

            class Boom(Exception):
                pass

            async def main():
                log("own", Boom("x", 1))
                log("builtin", ValueError("message text"))
                log("cancel", asyncio.CancelledError("msg"))
                log("group", ExceptionGroup("m", [Boom(2), KeyError("k")]))
                raise Boom("end")
            ''')
        self.assertEqual([e.get("v", [None, None])[1] for e in trace[:4]], [
            {"exc": "Boom", "args": ["x", 1]},
            {"exc": "ValueError"},
            {"exc": "CancelledError", "args": ["msg"]},
            {"exc": "ExceptionGroup", "members": [{"exc": "Boom", "args": [2]}, {"exc": "KeyError"}]},
        ])
        self.assertEqual(trace[-1], {"t": 0.0, "end": "raise", "exc": {"exc": "Boom", "args": ["end"]}})

    def test_task_names_relative(self):
        trace = run('''
            import asyncio

            async def child():
                pass

            async def main():
                t1 = asyncio.create_task(child())
                t2 = asyncio.create_task(child())
                log("names", t1.get_name(), t2, asyncio.current_task().get_name())
                await t1
                await t2
            ''')
        self.assertEqual(trace[0]["v"], ["names", "Task-1", {"task": "Task-2"}, "main"])

    def test_logs_after_main_are_dropped(self):
        trace = run('''
            import asyncio

            def tick(n):
                log("tick", n)
                asyncio.get_running_loop().call_soon(tick, n + 1)

            async def forever():
                try:
                    await asyncio.sleep(100)
                finally:
                    log("cleanup")

            async def main():
                asyncio.create_task(forever())
                asyncio.get_running_loop().call_soon(tick, 0)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
            ''')
        self.assertEqual([e.get("v") for e in trace], [["tick", 0], ["tick", 1], None])
        self.assertEqual(trace[-1]["end"], "return")

    def test_no_cyclic_collection_during_a_scenario(self):
        # A pending task reachable only through a cycle (asyncio holds tasks
        # weakly) must not be collected mid-run at a moment that depends on
        # the process's history: the collector is off while a scenario runs.
        trace = run('''
            import asyncio

            async def orphan(fut):
                try:
                    await fut
                finally:
                    log("orphan finally")

            async def main():
                loop = asyncio.get_running_loop()
                fut = loop.create_future()
                t = loop.create_task(orphan(fut))
                await asyncio.sleep(0)
                del t, fut
                for i in range(20000):  # cyclic garbage: would trigger the collector
                    a = []
                    a.append(a)
                await asyncio.sleep(0)
                log("end")
            ''')
        self.assertEqual([e.get("v") for e in trace], [["end"], None])
        self.assertTrue(gc.isenabled())

    def test_watchdog_steps(self):
        with self.assertRaises(oracle.HangError):
            run('''
                import asyncio

                async def main():
                    while True:
                        await asyncio.sleep(0)
                ''')

    def test_watchdog_virtual_time(self):
        with self.assertRaises(oracle.HangError):
            run('''
                import asyncio

                async def main():
                    while True:
                        await asyncio.sleep(3600 * 24 * 3650)
                ''')

    def test_deadlock(self):
        with self.assertRaisesRegex(oracle.HangError, "deadlock"):
            run('''
                import asyncio

                async def main():
                    await asyncio.get_running_loop().create_future()
                ''')

    def test_hang_response_keeps_the_events_before_it(self):
        out = oracle.run_request({"file": "scn.py", "source": textwrap.dedent('''
            import asyncio

            async def main():
                log("before")
                await asyncio.sleep(1)
                await asyncio.get_running_loop().create_future()
            ''')})
        self.assertEqual(out["status"], "hang")
        self.assertIn("deadlock", out["error"])
        self.assertEqual(out["trace"], [{"t": 0.0, "v": ["before"], "line": 5}])

    def test_long_sleep_precision(self):
        # A year-long sleep becomes due (the due-check tolerance follows
        # the float spacing), and small steps stay exact near 0.
        trace = run('''
            import asyncio

            async def main():
                await asyncio.sleep(3600 * 24 * 365)
                log("woke")
                for i in range(1000):
                    await asyncio.sleep(0.001)
                log("after")
            ''')
        self.assertEqual(trace[0]["t"], 31536000.0)
        self.assertAlmostEqual(trace[1]["t"], 31536001.0, places=5)

    def test_threads(self):
        trace = run('''
            import asyncio

            def work(a):
                return a * 2

            async def main():
                r = await asyncio.to_thread(work, 21)
                log("r", r)
            ''')
        self.assertEqual(trace[0]["v"], ["r", 42])

    def test_equal_deadline_ties_detected(self):
        src = textwrap.dedent('''
            import asyncio

            async def main():
                loop = asyncio.get_running_loop()
                h = loop.call_later(0.5, log, "single")
                log("when", h.when(), h.cancelled())
                for i in range(N):
                    loop.call_later(1, log, "same", i)
                await asyncio.sleep(2)
            ''')
        info = {}
        trace, _ = oracle.run_scenario(src.replace("N", "6"), "scn.py", info=info)
        self.assertEqual(trace[0]["v"], ["when", 0.5, False])
        self.assertEqual(trace[1]["v"], ["single"])
        self.assertEqual(sorted(e["v"][1] for e in trace if e.get("v", [None])[0] == "same"), list(range(6)))
        self.assertEqual(info["ties"], [1.0])  # CPython's heap pops 6 equal timers out of order
        # The detection follows the real pop order: with the 0.5 timer popped
        # first, even two equal timers run out of order ...
        info = {}
        trace, _ = oracle.run_scenario(src.replace("N", "2"), "scn.py", info=info)
        self.assertEqual([e["v"][1] for e in trace if e.get("v", [None])[0] == "same"], [1, 0])
        self.assertEqual(info["ties"], [1.0])
        # Two equal timers alone in the heap pop FIFO: no warning.
        info = {}
        trace, _ = oracle.run_scenario(textwrap.dedent('''
            import asyncio

            async def main():
                loop = asyncio.get_running_loop()
                f = loop.create_future()
                loop.call_later(1, log, "first")
                loop.call_later(1, f.set_result, None)
                await f
            '''), "scn.py", info=info)
        self.assertEqual(trace[0]["v"], ["first"])
        self.assertEqual(info["ties"], [])

    def test_unrenderable_is_scenario_error(self):
        with self.assertRaises(oracle.ScenarioError):
            run('''
                import asyncio

                async def main():
                    log("lock", asyncio.Lock())
                ''')

    def test_run_request_statuses(self):
        self.assertEqual(oracle.run_request({"file": "x.py", "source": "async def main():\n  pass\n"})["status"], "ok")
        self.assertEqual(oracle.run_request({"file": "x.py", "source": "x = 1\n"})["status"], "error")
        r = oracle.run_request({"file": "x.py", "source": "def main(:\n"})
        self.assertEqual(r["status"], "error")
        self.assertIn("x.py:1", r["error"])

    def test_real_mode_scaled(self):
        trace = run('''
            import asyncio

            async def main():
                loop = asyncio.get_running_loop()
                h = loop.call_at(0.5, log, "at")
                log("when", h.when())
                async with asyncio.timeout(2) as cm:
                    await asyncio.sleep(1)
                    log("cm", cm.when())
                log("now", loop.time() >= 1)
            ''', mode="real", loop_factory="asyncio:new_event_loop", scale=0.05)
        self.assertEqual([e.get("v") for e in trace][:4], [["when", 0.5], ["at"], ["cm", trace[2]["v"][1]], ["now", True]])
        self.assertAlmostEqual(trace[2]["v"][1], 2.0, delta=0.2)
        self.assertAlmostEqual(trace[1]["t"], 0.5, delta=0.5)
        self.assertAlmostEqual(trace[-1]["t"], 1.0, delta=0.5)


if __name__ == "__main__":
    unittest.main()
