"""The scenario language's vocabulary (spec/LANGUAGE.md): the exception
classes, the asyncio API, methods, attributes, builtins and operators a
scenario may use, the integer range and the features (spec/features.toml)."""

import ast
import os

try:
    import tomllib
except ImportError:  # pragma: no cover - Python < 3.11
    tomllib = None

from .. import paths

# name -> (bases, origin). Order matters: bases precede derived classes.
BUILTIN_CLASSES = [
    ("BaseException", [], "builtin"),
    ("Exception", ["BaseException"], "builtin"),
    ("GeneratorExit", ["BaseException"], "builtin"),
    ("KeyboardInterrupt", ["BaseException"], "builtin"),
    ("SystemExit", ["BaseException"], "builtin"),
    ("BaseExceptionGroup", ["BaseException"], "builtin"),
    ("ExceptionGroup", ["BaseExceptionGroup", "Exception"], "builtin"),
    ("ArithmeticError", ["Exception"], "builtin"),
    ("ZeroDivisionError", ["ArithmeticError"], "builtin"),
    ("OverflowError", ["ArithmeticError"], "builtin"),
    ("AssertionError", ["Exception"], "builtin"),
    ("AttributeError", ["Exception"], "builtin"),
    ("LookupError", ["Exception"], "builtin"),
    ("IndexError", ["LookupError"], "builtin"),
    ("KeyError", ["LookupError"], "builtin"),
    ("NameError", ["Exception"], "builtin"),
    ("UnboundLocalError", ["NameError"], "builtin"),
    ("RuntimeError", ["Exception"], "builtin"),
    ("NotImplementedError", ["RuntimeError"], "builtin"),
    ("RecursionError", ["RuntimeError"], "builtin"),
    ("StopIteration", ["Exception"], "builtin"),
    ("StopAsyncIteration", ["Exception"], "builtin"),
    ("TypeError", ["Exception"], "builtin"),
    ("ValueError", ["Exception"], "builtin"),
    ("OSError", ["Exception"], "builtin"),
    ("TimeoutError", ["OSError"], "builtin"),
    ("CancelledError", ["BaseException"], "asyncio"),
    ("InvalidStateError", ["Exception"], "asyncio"),
    ("QueueEmpty", ["Exception"], "asyncio"),
    ("QueueFull", ["Exception"], "asyncio"),
    ("QueueShutDown", ["Exception"], "asyncio"),
    ("BrokenBarrierError", ["RuntimeError"], "asyncio"),
]
BUILTIN_CLASS_NAMES = {c[0] for c in BUILTIN_CLASSES}
ASYNCIO_CLASS_NAMES = {c[0] for c in BUILTIN_CLASSES if c[2] == "asyncio"} | {"TimeoutError"}

# asyncio module attributes that are values or callables (not exception classes).
ASYNCIO_API = {
    "sleep", "create_task", "ensure_future", "gather", "wait", "wait_for",
    "as_completed", "shield", "timeout", "timeout_at", "current_task",
    "all_tasks", "get_running_loop", "eager_task_factory",
    "create_eager_task_factory", "to_thread", "run_coroutine_threadsafe",
    "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED", "Future", "Task",
    "TaskGroup", "Event", "Lock", "Condition", "Semaphore", "BoundedSemaphore",
    "Barrier", "Queue", "LifoQueue", "PriorityQueue",
    # asyncio.graph (3.14): the awaited-by structure (limit=0 only: call
    # stacks are frames, outside the language)
    "capture_call_graph", "future_add_to_awaited_by", "future_discard_from_awaited_by",
}

# Keyword arguments each asyncio function or class takes in the language
# (CPython's parameter names; `loop=` and `context=` are outside it). None:
# any keyword (to_thread passes them on to the function).
API_KWARGS = {
    "sleep": {"delay", "result"}, "create_task": {"coro", "name", "eager_start"},
    "ensure_future": {"coro_or_future"}, "gather": {"return_exceptions"},
    "wait": {"fs", "timeout", "return_when"}, "wait_for": {"fut", "timeout"},
    "as_completed": {"fs", "timeout"}, "shield": {"arg"}, "timeout": {"delay"}, "timeout_at": {"when"},
    "current_task": set(), "all_tasks": set(), "get_running_loop": set(),
    "create_eager_task_factory": {"custom_task_constructor"}, "to_thread": None,
    "run_coroutine_threadsafe": {"coro", "loop"}, "Future": set(), "Task": {"coro", "loop", "name", "eager_start"},
    "TaskGroup": set(), "Event": set(), "Lock": set(), "Condition": {"lock"}, "Semaphore": {"value"},
    "BoundedSemaphore": {"value"}, "Barrier": {"parties"}, "Queue": {"maxsize"}, "LifoQueue": {"maxsize"},
    "PriorityQueue": {"maxsize"}, "capture_call_graph": {"future", "depth", "limit"},
    "future_add_to_awaited_by": {"fut", "waiter"}, "future_discard_from_awaited_by": {"fut", "waiter"},
}

# Methods callable on runtime values (the interpreter dispatches on the value's kind).
METHODS = {
    # loop
    "time", "call_soon", "call_later", "call_at", "call_soon_threadsafe",
    "create_future", "create_task", "set_task_factory", "get_task_factory",
    # handles
    "cancel", "cancelled", "when",
    # futures / tasks
    "result", "exception", "done", "set_result", "set_exception",
    "add_done_callback", "remove_done_callback", "get_name", "set_name",
    "cancelling", "uncancel",
    # timeout
    "reschedule", "expired",
    # Event / Lock / Condition / Semaphore / Barrier
    "set", "clear", "is_set", "wait", "acquire", "release", "locked",
    "wait_for", "notify", "notify_all", "reset", "abort",
    # queues
    "put", "get", "put_nowait", "get_nowait", "qsize", "empty", "full",
    "task_done", "join", "shutdown",
    # lists (LANGUAGE.md extension, IR version 1)
    "append",
    # lists, dicts, sets (IR version 2; "get", "clear" are above)
    "index", "count", "remove", "pop", "insert", "extend", "copy",
    "keys", "values", "items", "setdefault", "update", "add", "discard",
    # awaitables: x.__await__() (a custom awaitable's __await__ returns it)
    "__await__",
    # str ("join" is above)
    "upper", "lower", "strip", "split", "startswith", "endswith", "replace",
    # exception groups ("split" is above)
    "subgroup",
}

# Attributes readable as values.
ATTRIBUTES = {"args", "exceptions", "__cause__", "__context__", "maxsize",
              "parties", "n_waiting", "broken",
              # FutureCallGraph
              "future", "call_stack", "awaited_by",
              # type(x).__name__, x.__class__ (classes, types, functions)
              "__name__", "__class__"}

BUILTIN_FUNCS = {"len", "range", "str", "isinstance", "sorted", "type",
                 # iteration (IR version 2)
                 "iter", "next", "enumerate", "zip", "list", "tuple", "min", "max", "any", "all", "sum",
                 "dict", "set", "map", "filter", "abs", "round"}
# Keyword arguments each builtin takes.
BUILTIN_KWARGS = {"sorted": {"key", "reverse"}, "min": {"key", "default"}, "max": {"key", "default"},
                  "enumerate": {"start"}, "sum": {"start"}, "dict": None}
# Builtin types usable as the second argument of isinstance().
TYPE_NAMES = {"int", "float", "str", "bool", "list", "tuple"}

BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
          ast.FloorDiv: "//", ast.Mod: "%"}
CMPOPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=",
          ast.Gt: ">", ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not",
          ast.In: "in", ast.NotIn: "not in"}
UNARYOPS = {ast.Not: "not", ast.USub: "-", ast.UAdd: "+"}


INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1


def _load_features():
    path = paths.FEATURES_FILE
    if tomllib is None or not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return set(tomllib.load(f).get("features", {}))


_FEATURES = _load_features()
