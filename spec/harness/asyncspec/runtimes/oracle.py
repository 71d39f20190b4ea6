"""Oracle: run scenario files on the running Python and record their traces.

Usage:
    python3.X oracle.py SCENARIO.py [...]   one JSON object per line:
        {"file", "python", "status": "ok", "trace": [...]}
        or {"file", "python", "status": "error"|"hang", "error": "..."}
    python3.X oracle.py --serve             request/response server (JSON lines
        on stdin/stdout, see serve_one); prints {"ready": ...} first.
    python3.X oracle.py --check-loop-factory MODULE:CALLABLE
        prints {"python"} when it gives an event loop, else {"python", "error"}.

Two modes:
- "virtual" (the oracle proper): a selector loop whose clock is virtual. When
  nothing is ready it jumps to the earliest timer, so a run is exact and
  instant. A watchdog turns endless runs into status "hang": more than
  MAX_STEPS loop iterations, the clock past MAX_VTIME, or a deadlock (nothing
  ready, no timer, no thread that could wake the loop).
- "real": any event loop (e.g. uvloop) on the real clock. The scenario sees a
  scaled asyncio ("1 virtual second = SCALE real seconds"): delays and
  deadlines it passes are multiplied by the scale, times it reads are divided
  by it, so the trace is in virtual seconds.

Pure-Python asyncio: with ASYNCSPEC_PURE_ASYNCIO=1 in its environment the
oracle blocks CPython's C accelerator (`sys.modules["_asyncio"] = None`)
before it imports asyncio, so asyncio.Task and asyncio.Future are the
pure-Python _PyTask and _PyFuture; it checks that they are and refuses to
start otherwise, and its ready line and every response say
"asyncio": "pure" (the ready line says "c" otherwise).

Stdlib only, and no imports from the rest of the harness: this file is also
loaded as-is into every pyenv interpreter and into Pyodide.
"""

import os
import sys

# Set (to "1") by the harness for an interpreter older than the oldest
# recorded profile (pypy3: Python 3.9): a scenario using an asyncio name or a
# Task method this asyncio lacks is answered "skip" with the missing name
# (missing_api), never run. Off elsewhere: there a misspelt name must fail.
SKIP_MISSING_API_ENV = "ASYNCSPEC_SKIP_MISSING_API"
# Set (to "1") by the harness for the cpython-3.X-pure implementations.
PURE_ASYNCIO_ENV = "ASYNCSPEC_PURE_ASYNCIO"
PURE_ASYNCIO = os.environ.get(PURE_ASYNCIO_ENV) == "1"
if PURE_ASYNCIO:
    if "asyncio" in sys.modules:
        raise SystemExit(f"{PURE_ASYNCIO_ENV}=1: asyncio was imported before the oracle could block _asyncio")
    sys.modules["_asyncio"] = None   # `import _asyncio` now raises ImportError: asyncio falls back to Python

import asyncio
import builtins
import gc
import heapq
import itertools
import json
import math
import selectors
import threading
import types
import weakref


def asyncio_implementation():
    """"pure" when asyncio.Task and asyncio.Future are the pure-Python
    classes (tasks._PyTask, futures._PyFuture), "c" when they come from the
    C accelerator _asyncio."""
    pure = (asyncio.Task is getattr(asyncio.tasks, "_PyTask", None)
            and asyncio.Future is getattr(asyncio.futures, "_PyFuture", None))
    return "pure" if pure else "c"


ASYNCIO_IMPLEMENTATION = asyncio_implementation()
if PURE_ASYNCIO and ASYNCIO_IMPLEMENTATION != "pure":
    raise SystemExit(f"{PURE_ASYNCIO_ENV}=1 but asyncio.Task is {asyncio.Task!r}, asyncio.Future is "
                     f"{asyncio.Future!r}: not the pure-Python _PyTask/_PyFuture")

# The virtual clock starts at 0.0: float precision (runtimes.md: large clock
# values lose precision; a virtual clock started at 1e9 summed 1000 x 1 ms to
# 1.000047 s).
VIRTUAL_START = 0.0
# Watchdog limits of the virtual mode.
MAX_STEPS = 100_000          # loop iterations per scenario
MAX_VTIME = 1e8              # virtual seconds (~3 years)
# How long (real seconds) the virtual loop waits for worker threads before it
# lets the clock jump anyway / declares a deadlock.
THREAD_GRACE = 0.25
THREAD_DEADLOCK = 20.0
# Decimals kept for trace times; the matcher compares with a 1e-9 tolerance.
TIME_DECIMALS = 9
# Default real-time scale: 1 virtual second = 0.1 real seconds.
DEFAULT_SCALE = 0.1


class HangError(Exception):
    """The watchdog fired: the scenario does not converge."""


class ScenarioError(Exception):
    """The scenario is malformed (no main, unrenderable value...)."""


# ---------------------------------------------------------------- virtual loop

class _VirtualSelector(selectors.DefaultSelector):
    """select(timeout) never sleeps on timers: it advances the loop's virtual
    clock to the earliest timer instead. Real waiting happens only while
    worker threads (run_in_executor / to_thread) are in flight."""

    def __init__(self, loop_ref):
        super().__init__()
        self._loop_ref = loop_ref

    def _poll(self, timeout):
        loop = self._loop_ref()
        if loop is not None and loop._ssock is None and not self.get_map():
            return []  # no self-pipe (Pyodide) and nothing registered
        return super().select(timeout)

    def select(self, timeout=None):
        events = self._select(timeout)
        loop = self._loop_ref()
        if loop is not None:
            loop._check_ties()
        return events

    def _select(self, timeout):
        loop = self._loop_ref()
        if timeout is not None and timeout <= 0:
            return self._poll(0)
        events = self._poll(0)
        if events:
            return events
        threads_busy = loop._threads_in_flight()
        if timeout is None:
            # Nothing ready, no timer: only a thread can wake the loop now
            # (idle executor threads count: we cannot tell them apart from
            # e.g. shutdown_default_executor's helper thread).
            if threads_busy or threading.active_count() > 1:
                events = self._poll(THREAD_DEADLOCK)
                if events:
                    return events
            raise HangError("deadlock: nothing ready, no timer scheduled, no thread running")
        if threads_busy:
            # Let running threads finish first: a thread's work takes no
            # virtual time. A thread blocked on the loop lets the clock jump
            # after THREAD_GRACE.
            events = self._poll(THREAD_GRACE)
            if events:
                return events
        if loop._scheduled:
            loop._vtime = max(loop._vtime, loop._scheduled[0]._when)
        else:
            loop._vtime += timeout
        if loop._vtime > MAX_VTIME:
            raise HangError(f"virtual clock passed {MAX_VTIME:g} s")
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vtime = VIRTUAL_START
        self._steps = 0
        self._thread_futures = []
        self._timer_seq = itertools.count()
        self._timer_seqs = {}  # id(TimerHandle) -> creation order (handles have __slots__)
        self.ties = set()
        super().__init__(_VirtualSelector(weakref.ref(self)))

    def call_at(self, when, callback, *args, **kw):
        handle = super().call_at(when, callback, *args, **kw)
        self._timer_seqs[id(handle)] = next(self._timer_seq)
        return handle

    def _check_ties(self):
        """Note the virtual times at which timers with equal deadlines are
        about to run in an order other than their scheduling order (CPython's
        heap is not stable: LOOP-4). A real-time loop practically never sees
        such ties, so a trace that depends on this order is IMPL-DEFINED."""
        sched = self._scheduled
        if len(sched) < 2:
            return
        end = self._vtime + self._clock_resolution
        if not sched[0]._when < end:
            return
        heap = list(sched)
        last = {}
        while heap and heap[0]._when < end:
            h = heapq.heappop(heap)
            if h._cancelled:
                continue
            seq = self._timer_seqs.get(id(h), -1)
            if h._when in last and seq < last[h._when]:
                self.ties.add(round(h._when, TIME_DECIMALS))
            last[h._when] = max(seq, last.get(h._when, -1))

    # Due-timer test in _run_once is `when < time() + clock_resolution`. Keep
    # the resolution tiny but non-zero so a timer at exactly `now` is due, and
    # never below the float spacing at the current time (a one-year sleep would
    # otherwise never become due: runtimes.md pitfall).
    @property
    def _clock_resolution(self):
        return max(1e-9, 4 * math.ulp(self._vtime))

    @_clock_resolution.setter
    def _clock_resolution(self, value):
        pass

    def time(self):
        return self._vtime

    def _run_once(self):
        self._steps += 1
        if self._steps > MAX_STEPS:
            raise HangError(f"more than {MAX_STEPS} loop iterations")
        super()._run_once()

    def run_in_executor(self, executor, func, *args):
        fut = super().run_in_executor(executor, func, *args)
        self._thread_futures.append(fut)
        return fut

    def _threads_in_flight(self):
        self._thread_futures = [f for f in self._thread_futures if not f.done()]
        return bool(self._thread_futures)

    # Pyodide cannot create the self-pipe (socketpair fails) and has no
    # threads: run without one there.
    def _make_self_pipe(self):
        try:
            super()._make_self_pipe()
        except OSError:
            self._ssock = self._csock = None

    def _close_self_pipe(self):
        if self._ssock is not None:
            super()._close_self_pipe()

    def _write_to_self(self):
        if self._csock is not None:
            super()._write_to_self()


# ------------------------------------------------------------ real-time shim

class _Scale:
    def __init__(self, loop, scale):
        self.loop = loop
        self.scale = scale
        self.t0 = loop.time()

    def now(self):
        return (self.loop.time() - self.t0) / self.scale

    def delay(self, d):
        return None if d is None else d * self.scale

    def to_real(self, when):
        return None if when is None else self.t0 + when * self.scale

    def to_virtual(self, when):
        return None if when is None else (when - self.t0) / self.scale


class _HandleProxy:
    """A timer handle whose when() is the exact virtual deadline asked for
    (converting the real deadline back would add float noise)."""

    def __init__(self, handle, vwhen):
        self._handle = handle
        self._vwhen = vwhen

    def when(self):
        return self._vwhen

    def __getattr__(self, name):
        return getattr(self._handle, name)


class _LoopProxy:
    def __init__(self, loop, sc):
        self._loop = loop
        self._sc = sc

    def time(self):
        return self._sc.now()

    def call_later(self, delay, callback, *args, **kw):
        if delay is None:
            raise TypeError("delay must not be None")
        vwhen = self._sc.now() + delay
        return _HandleProxy(self._loop.call_later(self._sc.delay(delay), callback, *args, **kw), vwhen)

    def call_at(self, when, callback, *args, **kw):
        if when is None:
            raise TypeError("when must not be None")
        return _HandleProxy(self._loop.call_at(self._sc.to_real(when), callback, *args, **kw), when)

    def __getattr__(self, name):
        return getattr(self._loop, name)


class _TimeoutProxy:
    def __init__(self, cm, sc, vwhen):
        self._cm = cm
        self._sc = sc
        self._vwhen = vwhen

    async def __aenter__(self):
        await self._cm.__aenter__()
        return self

    async def __aexit__(self, *exc_info):
        return await self._cm.__aexit__(*exc_info)

    def when(self):
        return self._vwhen

    def reschedule(self, when):
        self._cm.reschedule(self._sc.to_real(when))
        self._vwhen = when

    def expired(self):
        return self._cm.expired()


def _unwrap_loop(loop):
    return loop._loop if isinstance(loop, _LoopProxy) else loop


def _make_scaled_asyncio(loop, sc):
    """A module that looks like asyncio but runs on the scaled clock."""
    shim = types.ModuleType("asyncio")
    for name in dir(asyncio):
        if not name.startswith("__"):
            setattr(shim, name, getattr(asyncio, name))
    proxy = _LoopProxy(loop, sc)

    async def sleep(delay, result=None):
        return await asyncio.sleep(sc.delay(delay), result)

    async def wait_for(fut, timeout):
        return await asyncio.wait_for(fut, sc.delay(timeout))

    async def wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
        return await asyncio.wait(fs, timeout=sc.delay(timeout), return_when=return_when)

    def as_completed(fs, *, timeout=None):
        return asyncio.as_completed(fs, timeout=sc.delay(timeout))

    def timeout(delay):
        vwhen = None if delay is None else sc.now() + delay
        return _TimeoutProxy(asyncio.timeout(sc.delay(delay)), sc, vwhen)

    def timeout_at(when):
        return _TimeoutProxy(asyncio.timeout_at(sc.to_real(when)), sc, when)

    def get_running_loop():
        asyncio.get_running_loop()  # raises outside a running loop
        return proxy

    def get_event_loop():
        return proxy

    def run_coroutine_threadsafe(coro, loop):
        return asyncio.run_coroutine_threadsafe(coro, _unwrap_loop(loop))

    def ensure_future(obj, *, loop=None):
        return asyncio.ensure_future(obj, loop=_unwrap_loop(loop))

    # The scenario's loop is the proxy: asyncio looks tasks up by the real loop.
    def current_task(loop=None):
        return asyncio.current_task(_unwrap_loop(loop))

    def all_tasks(loop=None):
        return asyncio.all_tasks(_unwrap_loop(loop))

    for f in (sleep, wait_for, wait, as_completed, timeout, timeout_at, get_running_loop,
              get_event_loop, run_coroutine_threadsafe, ensure_future, current_task, all_tasks):
        setattr(shim, f.__name__, f)
    return shim


# ------------------------------------------------------------------- rendering

# Python < 3.11 (PyPy 3.9) has no exception groups: nothing is one there.
_BASE_EXCEPTION_GROUP = getattr(builtins, "BaseExceptionGroup", ())

def _render(value, ctx):
    """Canonical rendering of a logged value (LANGUAGE.md, Canonical values)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, list):
        return [_render(v, ctx) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [_render(v, ctx) for v in value]}
    if isinstance(value, dict):  # pairs, in insertion order
        return {"dict": [[_render(k, ctx), _render(v, ctx)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):  # sorted once renamed (_rename_strings)
        return {"set": [_render(v, ctx) for v in value]}
    if isinstance(value, _BASE_EXCEPTION_GROUP):
        return {"exc": type(value).__name__, "members": [_render(e, ctx) for e in value.exceptions]}
    if isinstance(value, BaseException):
        out = {"exc": type(value).__name__}
        if isinstance(value, asyncio.CancelledError) or type(value).__module__ == ctx["module"]:
            out["args"] = [_render(a, ctx) for a in value.args]
        return out
    if isinstance(value, asyncio.Task):
        return {"task": value.get_name()}  # made relative by _rename_strings
    if isinstance(value, asyncio.Future):
        state = "cancelled" if value.cancelled() else "finished" if value.done() else "pending"
        return {"future": state}
    raise ScenarioError(f"log() of an unrenderable value of type {type(value).__name__}")


def _rename_strings(value, rename):
    """Task-N names made relative; then a set's items take their canonical
    order: sorted by their compact JSON text (IR.md, "Trace")."""
    if isinstance(value, str):
        return rename(value)
    if isinstance(value, list):
        return [_rename_strings(v, rename) for v in value]
    if isinstance(value, dict):
        out = {k: _rename_strings(v, rename) for k, v in value.items()}
        if list(out) == ["set"]:
            out["set"] = sorted(out["set"], key=canonical_text)
        return out
    return value


def canonical_text(rendered):
    """A rendered value as compact JSON with sorted keys, UTF-8 as is: the
    order of a set's items (the C++ interpreter's json::dump() agrees)."""
    return json.dumps(rendered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --------------------------------------------------------------------- running

# The directory `check` was started in (set by the harness for
# --loop-factory): searched first for the factory's module, as
# `python -c "import MODULE"` run there would.
LOOP_FACTORY_DIR_ENV = "ASYNCSPEC_LOOP_FACTORY_DIR"


class LoopFactoryError(Exception):
    pass


def _load_factory(spec):
    """"module:callable" -> the callable; LoopFactoryError says why not."""
    import importlib
    import os

    mod_name, _, attr = spec.partition(":")
    attr = attr or "new_event_loop"
    where = os.environ.get(LOOP_FACTORY_DIR_ENV)
    if where and where not in sys.path:
        sys.path.insert(0, where)
    try:
        obj = importlib.import_module(mod_name)
    except Exception as exc:  # noqa: BLE001 - any import failure is the same configuration error
        searched = f" (searched {where} first, then this interpreter's sys.path)" if where else ""
        raise LoopFactoryError(f"cannot import module {mod_name!r}: {type(exc).__name__}: {exc}{searched}") from None
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise LoopFactoryError(f"module {mod_name!r} has no attribute {attr!r}")
        obj = getattr(obj, part)
    if not callable(obj):
        raise LoopFactoryError(f"{mod_name}:{attr} is not callable (it is of type {type(obj).__name__})")
    return obj


def check_loop_factory(spec):
    """Can `spec` give an event loop? -> None, or why not (--check-loop-factory)."""
    try:
        factory = _load_factory(spec)
        try:
            loop = factory()
        except Exception as exc:  # noqa: BLE001
            return f"calling {spec}() raised {type(exc).__name__}: {exc}"
    except LoopFactoryError as exc:
        return str(exc)
    if not isinstance(loop, asyncio.AbstractEventLoop):
        return f"{spec}() returned an object of type {type(loop).__name__}, not an event loop (asyncio.AbstractEventLoop)"
    loop.close()
    return None


def run_scenario(source, filename, module_name="scenario", mode="virtual",
                 loop_factory=None, scale=DEFAULT_SCALE, load=None, info=None):
    """Run one scenario with the cyclic garbage collector off (see
    _run_scenario for the rest). asyncio holds tasks weakly: a pending task
    reachable only through a reference cycle is destroyed whenever the
    collector happens to run, and when that is depends on everything the
    process allocated before. Collected before each scenario and never during
    one, a long-lived oracle process and a fresh one give the same trace (the
    fuzzer saw them differ on about 1 program in 1,700 before)."""
    gc.collect()  # also the previous scenario's garbage, its finalizers log nowhere
    gc.disable()
    try:
        return _run_scenario(source, filename, module_name, mode, loop_factory, scale, load, info)
    finally:
        gc.enable()


def _run_scenario(source, filename, module_name, mode, loop_factory, scale, load, info):
    """Run one scenario; return (trace, loop_errors): the list of events and
    the messages the loop's exception handler received. `info`, a dict, gets
    "ties": the virtual times where equal-deadline timers ran out of
    scheduling order.

    Raises ScenarioError for a malformed scenario and HangError when the
    watchdog fires."""
    trace = []
    loop_errors = []
    if mode == "virtual":
        loop = VirtualTimeLoop()
    elif mode == "real":
        factory = _load_factory(loop_factory) if isinstance(loop_factory, str) else loop_factory
        loop = (factory or asyncio.new_event_loop)()
    else:
        raise ValueError(f"unknown mode {mode!r}")
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(lambda lp, context: loop_errors.append(str(context.get("message"))))

    # Default task names come from a process-global counter that cannot be
    # reset (the C accelerator keeps it in module state). Take a base number
    # with a throwaway task and render "Task-N" relative to it.
    async def _noop():
        pass

    probe = loop.create_task(_noop())
    base = int(probe.get_name().rsplit("-", 1)[1])
    loop.run_until_complete(probe)

    def rename(name):
        if isinstance(name, str) and name.startswith("Task-") and name[5:].isdigit():
            return f"Task-{int(name[5:]) - base}"
        return name

    if mode == "virtual":
        scaled = None
        now = loop.time
    else:
        scaled = _Scale(loop, scale)
        now = scaled.now

    ctx = {"module": module_name, "rename": rename}
    state = {"open": True, "error": None}

    def stamp():
        return round(now(), TIME_DECIMALS)

    def log(*values):
        if not state["open"]:
            return
        try:
            event = {"t": stamp(), "v": [_rename_strings(_render(v, ctx), rename) for v in values]}
        except ScenarioError as exc:
            state["error"] = state["error"] or exc
            raise
        caller = sys._getframe(1)
        if caller.f_code.co_filename == filename:
            event["line"] = caller.f_lineno
        trace.append(event)

    module = types.ModuleType(module_name)
    module.__dict__["log"] = log
    module.__file__ = filename
    if scaled is not None:
        shim = _make_scaled_asyncio(loop, scaled)
        real_import = builtins.__import__

        def _import(name, *args, **kw):
            if name == "asyncio":
                return shim
            return real_import(name, *args, **kw)

        module_builtins = dict(builtins.__dict__)
        module_builtins["__import__"] = _import
        module.__dict__["__builtins__"] = module_builtins
    sys.modules[module_name] = module
    try:
        if load is not None:
            # Instead of exec'ing source: fill the module namespace (main, ...)
            # from an IR document (ir_interp.py, the compiler's self-test).
            load(module.__dict__)
        else:
            try:
                code = compile(source, filename, "exec")
            except SyntaxError as exc:
                raise ScenarioError(f"{filename}:{exc.lineno}: {exc.msg}") from None
            exec(code, module.__dict__)
        main = module.__dict__.get("main")
        if main is None:
            raise ScenarioError(f"{filename}: no async def main()")
        # The trace ends when main's coroutine returns or raises: logs made
        # after that (tasks still running while the loop stops, cancelled
        # leftovers) are not part of it, whatever the loop does on stop.
        async def _main():
            try:
                result = await main()
            except BaseException as exc:
                end_event({"end": "raise", "exc": _render(exc, ctx)})
                raise
            end_event({"end": "return", "value": _render(result, ctx)})
            return result

        def end_event(event):
            if state["open"]:
                state["open"] = False
                event["t"] = stamp()
                trace.append(_rename_strings(event, rename))

        # Not loop.create_task(name=...): on some loops that consumes a
        # Task-N number; the scenario's first own task must be Task-1.
        main_task = asyncio.Task(_main(), loop=loop, name="main")
        try:
            loop.run_until_complete(main_task)
        except (HangError, ScenarioError):
            raise
        except BaseException:  # the program's own outcome, recorded by _main
            if not main_task.done() or state["open"]:
                raise
        if state["error"] is not None:
            raise state["error"]
        state["open"] = False
        _finish(loop)
    except HangError as exc:
        exc.trace = list(trace)  # the events before the hang (all of them if main ended)
        raise
    finally:
        state["open"] = False
        sys.modules.pop(module_name, None)
        asyncio.set_event_loop(None)
        if not loop.is_closed():
            try:
                loop.close()
            except Exception:
                pass
    if info is not None:
        info["ties"] = sorted(getattr(loop, "ties", ()))
    return trace, loop_errors


def _finish(loop):
    """What asyncio.run does after main: cancel what is left, let it finish."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    if hasattr(loop, "shutdown_default_executor"):
        loop.run_until_complete(loop.shutdown_default_executor())


# Task methods newer than some interpreters the oracle runs on (3.11: cancelling,
# uncancel; 3.12: get_context); asyncio's module-level names are checked directly.
NEWER_TASK_METHODS = ("cancelling", "uncancel", "get_context")


def missing_api(source):
    """Why `source` cannot run on this asyncio: the asyncio names it uses
    (`asyncio.X`, `from asyncio import X`) that the module lacks and the Task
    methods of NEWER_TASK_METHODS it calls that asyncio.Task lacks; None when
    it uses none (or cannot be parsed: running it reports that)."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    names, methods = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "asyncio":
                names.add(node.attr)
            elif node.attr in NEWER_TASK_METHODS:
                methods.add(node.attr)
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio":
            names.update(a.name for a in node.names)
    missing = sorted(f"asyncio.{n}" for n in names if not hasattr(asyncio, n))
    missing += sorted(f"Task.{m}()" for m in methods if not hasattr(asyncio.Task, m))
    if not missing:
        return None
    return f"Python {python_version()}'s asyncio has no {', '.join(missing)}"


def python_version():
    return ".".join(map(str, sys.version_info[:3]))


def run_request(req):
    """One request dict -> one response dict. Never raises for a scenario's
    fault: a broken scenario costs that scenario only."""
    path = req.get("file", "<scenario>")
    source = req.get("source")
    if os.environ.get(SKIP_MISSING_API_ENV) == "1":
        if source is None:
            try:
                with open(path, encoding="utf-8") as f:
                    source = f.read()
            except OSError:
                pass    # running it reports that
        why = missing_api(source) if source is not None else None
        if why:
            out = {"file": path, "python": python_version(), "status": "skip", "skip_reason": why}
            if "tag" in req:
                out["tag"] = req["tag"]
            return out

    def run(info):
        src = source
        if src is None:
            with open(path, encoding="utf-8") as f:
                src = f.read()
        return run_scenario(src, path, mode=req.get("mode", "virtual"), loop_factory=req.get("loop_factory"),
                            scale=req.get("scale", DEFAULT_SCALE), info=info)

    out = respond(path, run)
    if "tag" in req:
        out["tag"] = req["tag"]
    return out


def respond(path, run):
    """The response for scenario `path`: run(info) -> (trace, loop_errors),
    filling `info` (ties); status ok, hang (with the trace so far) or error.
    Also the IR interpreter's (ir/interp.py)."""
    out = {"file": path, "python": python_version()}
    if PURE_ASYNCIO:
        out["asyncio"] = ASYNCIO_IMPLEMENTATION
    try:
        info = {}
        trace, loop_errors = run(info)
        out["status"] = "ok"
        out["trace"] = trace
        if loop_errors:
            out["loop_errors"] = loop_errors
        if info.get("ties"):
            out["ties"] = info["ties"]
    except HangError as exc:
        out["status"] = "hang"
        out["error"] = str(exc)
        if getattr(exc, "trace", None) is not None:
            out["trace"] = exc.trace
    except BaseException as exc:  # noqa: BLE001 - report, keep serving
        if isinstance(exc, KeyboardInterrupt):
            raise
        out["status"] = "error"
        out["error"] = f"{type(exc).__name__}: {exc}"
    return out


def serve_one(line):
    """JSON request line -> JSON response line (used by the Pyodide driver)."""
    saved = sys.stdout
    sys.stdout = sys.stderr  # nothing a scenario prints may reach the protocol
    try:
        return json.dumps(run_request(json.loads(line)), sort_keys=True)
    finally:
        sys.stdout = saved


def serve(stdin=None, stdout=None):
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stdout.write(json.dumps({"ready": True, "python": python_version(), "asyncio": ASYNCIO_IMPLEMENTATION}) + "\n")
    stdout.flush()
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(serve_one(line) + "\n")
        stdout.flush()


def main(argv):
    if argv and argv[0] == "--serve":
        serve()
        return
    if len(argv) == 2 and argv[0] == "--check-loop-factory":
        why = check_loop_factory(argv[1])
        print(json.dumps({"python": python_version(), "error": why} if why else {"python": python_version()}))
        return
    for path in argv:
        print(json.dumps(run_request({"file": path}), sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
