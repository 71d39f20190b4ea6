"""MicroPython oracle: run scenario files on MicroPython's asyncio and record
their traces (the counterpart of oracle.py, loaded into MicroPython by
micropython_driver.mjs).

MicroPython-compatible Python only: no typing, dataclasses, inspect,
sys._getframe, exception groups; `isinstance(True, int)` is False there.

Virtual time. MicroPython reads its clock from JS `Date.now()`
(`time.ticks_ms()` = Date.now() - the time at start-up). The driver freezes
Date.now() before MicroPython loads and exposes a setter as the JS module
`asyncspec_clock`; only the scheduler below moves it, and only when the task
at the head of the queue is due later than now (the clock jumps to its
deadline). The webassembly port's asyncio.core drives its run loop from JS
timers (`_schedule_run_iter` -> setTimeout(_run_iter)); here that hook is
replaced by a no-op and `_run` below runs the same loop body as
`asyncio.core._run_iter` synchronously, with a watchdog, until the scenario's
main task ends.

The scenario's main runs inside `asyncio.create_task` (the top-level
pseudo-task cannot be thrown into). The trace ends when main's coroutine
returns or raises; what is left in the queue is dropped with the event loop
(each scenario gets a fresh one from `asyncio.new_event_loop()` and a clock
reset to 0).

Protocol: serve_one(request JSON line) -> response JSON line, the same
request/response objects as oracle.py (`{"file", "source", "mode"}` ->
`{"file", "python", "status", "trace"?, "error"?, "loop_errors"?}`).

Why this stays a standalone script and shares no module with oracle.py (the
value rendering `_render`/`_dump` and the request envelope `run_request`
look alike): both run INSIDE the interpreter under test, each loaded by its
driver as ONE source file into the WebAssembly runtime's in-memory file
system (micropython_driver.mjs, pyodide_driver.mjs), or started by path
(`python3.X oracle.py --serve`, with no package on sys.path). A shared module
would be a second file every driver has to ship and every interpreter to
find, and it would have to be written in the subset both MicroPython 1.27
and CPython 3.11-3.14 run: MicroPython's json has no sort_keys and its
asyncio no loop, Task names, exception groups or cancel messages, so its
rendering differs in exactly the places oracle.py relies on. The traces
both produce are compared with the same matcher (trace/matcher.py) and the
same expected files, which is what keeps them in step.
"""

import sys
import json
import time

import asyncio
from asyncio import core

import asyncspec_clock

MAX_STEPS = 100000           # loop iterations per scenario (oracle.py: the same)
# ticks_ms() wraps at 2**30 ms and ticks_diff() is only meaningful within half
# of that (~6.2 days): a later deadline cannot be represented.
TICKS_PERIOD = 1 << 30
MAX_VTIME_MS = TICKS_PERIOD // 2 - 1
TIME_DECIMALS = 9


class HangError(Exception):
    """The watchdog fired: the scenario does not converge."""


class ScenarioError(Exception):
    """The scenario is malformed (no main, unrenderable value...)."""


def _no_js_timer(dt):
    # asyncio.core calls this to (re)arm its JS timer; the oracle runs the
    # loop itself.
    pass


core._schedule_run_iter = _no_js_timer

# sleep_ms() keeps one SingletonGenerator as a default argument; a scenario
# that calls sleep() without awaiting it leaves it armed (its next sleep()
# would assert). Take a handle on it once, to disarm it between scenarios.
_SGEN = core.sleep_ms(0)
_SGEN.state = None


def python_version():
    v = sys.implementation.version
    return "%d.%d.%d" % (v[0], v[1], v[2])


def _now_ms():
    return asyncspec_clock.get()


# ------------------------------------------------------------------- rendering

def _render(value, ctx):
    """Canonical rendering of a logged value (LANGUAGE.md, Canonical values),
    the rules of oracle.py."""
    if value is None or isinstance(value, (bool, int, str, float)):
        return value
    if isinstance(value, list):
        return [_render(v, ctx) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [_render(v, ctx) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[_render(k, ctx), _render(v, ctx)] for k, v in value.items()]}
    if isinstance(value, set):
        return {"set": sorted([_render(v, ctx) for v in value], key=_canonical_text)}
    if isinstance(value, BaseException):
        out = {"exc": type(value).__name__}
        if isinstance(value, asyncio.CancelledError) or getattr(type(value), "__module__", None) == ctx["module"]:
            out["args"] = [_render(a, ctx) for a in value.args]
        return out
    if isinstance(value, asyncio.Task):
        # MicroPython's tasks have no names (no get_name): the main task is
        # known, any other renders as unnamed (a divergence, never a guess).
        return {"task": "main" if value is ctx.get("main_task") else "<unnamed>"}
    raise ScenarioError("log() of an unrenderable value of type %s" % type(value).__name__)


def _canonical_text(value):
    """Compact JSON with sorted keys: the order of a set's rendered items
    (oracle.py's json.dumps(sort_keys=True, separators=(",", ":")))."""
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(k)) + ":" + _canonical_text(value[k]) for k in sorted(value)) + "}"
    return _dump(value)


# JSON for the host: MicroPython's json.dumps writes inf/nan bare (not JSON).
def _dump(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), -float("inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(json.dumps(str(k)) + ": " + _dump(value[k]) for k in sorted(value)) + "}"
    return json.dumps(str(value))


# --------------------------------------------------------------------- running

def _run(done):
    """asyncio.core._run_iter's loop body (webassembly port, MicroPython
    1.27), run synchronously on the virtual clock until done() is true.
    Raises HangError on a deadlock, more than MAX_STEPS iterations or a
    deadline beyond what ticks_ms() can represent."""
    excs_all = (core.CancelledError, Exception)
    excs_stop = (core.CancelledError, StopIteration)
    steps = 0
    while not done():
        q = core._task_queue
        t = q.peek()
        if not t:
            core.cur_task = core._top_level_task
            raise HangError("deadlock: main has not finished and no task is ready or sleeping")
        dt = time.ticks_diff(t.ph_key, time.ticks_ms())
        if dt > 0:
            # Nothing is due: jump the clock to the head's deadline.
            target = _now_ms() + dt
            if target > MAX_VTIME_MS:
                raise HangError("virtual clock past %d ms (MicroPython's ticks_ms wraps at 2**30)" % MAX_VTIME_MS)
            asyncspec_clock.set(target)
        steps += 1
        if steps > MAX_STEPS:
            raise HangError("more than %d loop iterations" % MAX_STEPS)
        t = q.pop()
        core.cur_task = t
        try:
            exc = t.data
            if not exc:
                t.coro.send(None)
            else:
                t.data = None
                t.coro.throw(exc)
        except excs_all as er:
            assert t.data is None
            if t.state:
                waiting = False
                if t.state is True:
                    t.state = None
                elif callable(t.state):
                    t.state(t, er)
                    t.state = False
                    waiting = True
                else:
                    while t.state.peek():
                        core._task_queue.push(t.state.pop())
                        waiting = True
                    t.state = False
                if not waiting and not isinstance(er, excs_stop):
                    core._task_queue.push(t)
                t.data = er
            elif t.state is None:
                t.data = exc
                core._exc_context["exception"] = exc
                core._exc_context["future"] = t
                core.Loop.call_exception_handler(core._exc_context)
        finally:
            core.cur_task = core._top_level_task


def run_scenario(source, filename, module_name="scenario"):
    """Run one scenario; return (trace, loop_errors)."""
    trace = []
    loop_errors = []
    asyncspec_clock.set(0)
    _SGEN.state = None
    core.new_event_loop()
    core.cur_task = core._top_level_task

    def handler(loop, context):
        loop_errors.append(str(context.get("message")))

    core.Loop.set_exception_handler(handler)
    ctx = {"module": module_name, "main_task": None}
    state = {"open": True, "error": None, "ended": False}

    def stamp():
        return round(_now_ms() / 1000, TIME_DECIMALS)

    def log(*values):
        if not state["open"]:
            return
        try:
            event = {"t": stamp(), "v": [_render(v, ctx) for v in values]}
        except ScenarioError as exc:
            state["error"] = state["error"] or exc
            raise
        trace.append(event)

    def end_event(event):
        if state["open"]:
            state["open"] = False
            event["t"] = stamp()
            trace.append(event)
        state["ended"] = True

    ns = {"__name__": module_name, "__file__": filename, "log": log}
    try:
        try:
            code = compile(source, filename, "exec")
        except SyntaxError as exc:
            raise ScenarioError("%s: %s" % (filename, exc.args[0] if exc.args else "syntax error"))
        exec(code, ns)
        main = ns.get("main")
        if main is None:
            raise ScenarioError("%s: no async def main()" % filename)

        async def _main():
            try:
                result = await main()
            except BaseException as exc:
                end_event({"end": "raise", "exc": _render(exc, ctx)})
                if not isinstance(exc, asyncio.CancelledError) and \
                        getattr(type(exc), "__module__", None) != module_name:
                    # The trace keeps the type only; the reason goes to stderr
                    # (debugging: `cli.py run --impl micropython`).
                    sys.print_exception(exc, sys.stderr)
                raise
            end_event({"end": "return", "value": _render(result, ctx)})
            return result

        ctx["main_task"] = asyncio.create_task(_main())
        _run(lambda: state["ended"] or state["error"] is not None)
        if state["error"] is not None:
            raise state["error"]
    finally:
        state["open"] = False
        core.Loop.set_exception_handler(None)
        core.new_event_loop()          # drop what is left of the scenario
        core.cur_task = core._top_level_task
        _SGEN.state = None
    return trace, loop_errors


def run_request(req):
    """One request dict -> one response dict. Never raises for a scenario's
    fault: a broken scenario costs that scenario only."""
    path = req.get("file", "<scenario>")
    out = {"file": path, "python": python_version()}
    if "tag" in req:
        out["tag"] = req["tag"]
    try:
        if req.get("mode", "virtual") != "virtual":
            raise ScenarioError("MicroPython runs in virtual time only (mode %r)" % req.get("mode"))
        source = req.get("source")
        if source is None:
            raise ScenarioError("%s: the request has no source (MicroPython cannot read host files)" % path)
        trace, loop_errors = run_scenario(source, path)
        out["status"] = "ok"
        out["trace"] = trace
        if loop_errors:
            out["loop_errors"] = loop_errors
    except HangError as exc:
        out["status"] = "hang"
        out["error"] = str(exc)
    except BaseException as exc:  # report, keep serving
        if isinstance(exc, KeyboardInterrupt):
            raise
        out["status"] = "error"
        out["error"] = "%s: %s" % (type(exc).__name__, exc)
    return out


def serve_one(line):
    """JSON request line -> JSON response line (called by the driver)."""
    try:
        req = json.loads(line)
    except ValueError as exc:
        return _dump({"file": None, "python": python_version(), "status": "error",
                      "error": "bad request line: %s" % exc})
    return _dump(run_request(req))
