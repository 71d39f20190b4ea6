"""Oracle: run scenario files on the running CPython with a virtual clock.

Usage: python3.X oracle.py SCENARIO.py [...]   -> one JSON object per line:
    {"file": ..., "python": "3.13.0", "trace": [...]} or {"file", "error"}

Stdlib only, and no imports from the rest of the harness: this file is also
loaded into Pyodide and into every pyenv interpreter as-is.
"""

import asyncio
import json
import selectors
import sys
import types

# The earliest the virtual clock may be read as "now"; starting at 0 keeps
# float precision (runtimes.md: large clock values lose precision).
VIRTUAL_START = 0.0


class _VirtualSelector(selectors.DefaultSelector):
    """select(timeout) never sleeps on timers: it advances the loop's virtual
    clock to the earliest timer instead. With nothing scheduled it really
    blocks (only a thread can then wake the loop, through the self-pipe)."""

    def __init__(self, loop_ref):
        super().__init__()
        self._loop_ref = loop_ref

    def select(self, timeout=None):
        loop = self._loop_ref()
        if timeout is not None and timeout > 0:
            events = super().select(0)
            if events:
                return events
            if loop._scheduled:
                loop._vtime = max(loop._vtime, loop._scheduled[0]._when)
            else:
                loop._vtime += timeout
            return []
        return super().select(timeout)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        import weakref

        self._vtime = VIRTUAL_START
        super().__init__(_VirtualSelector(weakref.ref(self)))
        # Due-timer test is `when < time() + resolution`; keep it tiny but
        # non-zero so a timer at exactly `now` is due.
        self._clock_resolution = 1e-9

    def time(self):
        return self._vtime


class ScenarioError(Exception):
    pass


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
    if isinstance(value, BaseExceptionGroup):
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


def run_scenario(source, filename, module_name="scenario"):
    trace = []
    loop = VirtualTimeLoop()
    asyncio.set_event_loop(loop)

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

    ctx = {"module": module_name, "rename": rename}
    state = {"open": True}

    def log(*values):
        if state["open"]:
            trace.append({"t": round(loop.time(), 6), "v": [_rename_strings(_render(v, ctx), rename) for v in values]})

    module = types.ModuleType(module_name)
    module.__dict__["log"] = log
    module.__file__ = filename
    sys.modules[module_name] = module
    try:
        exec(compile(source, filename, "exec"), module.__dict__)
        main = module.__dict__.get("main")
        if main is None:
            raise ScenarioError(f"{filename}: no async def main()")
        main_task = asyncio.Task(main(), loop=loop, name="main")
        try:
            result = loop.run_until_complete(main_task)
            trace.append({"t": round(loop.time(), 6), "end": "return", "value": _rename_strings(_render(result, ctx), rename)})
        except BaseException as exc:  # the program's own outcome, recorded
            if isinstance(exc, ScenarioError):
                raise
            trace.append({"t": round(loop.time(), 6), "end": "raise", "exc": _rename_strings(_render(exc, ctx), rename)})
        state["open"] = False
        _finish(loop)
    finally:
        sys.modules.pop(module_name, None)
        asyncio.set_event_loop(None)
        if not loop.is_closed():
            loop.close()
    return trace


def _rename_strings(value, rename):
    if isinstance(value, str):
        return rename(value)
    if isinstance(value, list):
        return [_rename_strings(v, rename) for v in value]
    if isinstance(value, dict):
        return {k: _rename_strings(v, rename) for k, v in value.items()}
    return value


def _finish(loop):
    """What asyncio.run does after main: cancel what is left, let it finish."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.run_until_complete(loop.shutdown_default_executor())


def main(argv):
    version = ".".join(map(str, sys.version_info[:3]))
    for path in argv:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        try:
            out = {"file": path, "python": version, "trace": run_scenario(source, path)}
        except Exception as exc:  # a broken scenario costs that scenario only
            out = {"file": path, "python": version, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
