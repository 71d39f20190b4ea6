"""Compiler + IR tests.

Run: python3 -m unittest discover -s spec/harness/tests -t spec/harness
(also with CPython 3.12 / 3.13: scenarios may use newer APIs).

- out-of-subset programs are rejected with the right line and reason;
- compiled IR validates against spec/schema/ir.schema.json (a tiny validator
  for the schema subset it uses is below: jsonschema is not in the stdlib);
- round trip: trace(IR run by ir_interp) == trace(source run by oracle), for
  small programs embedded here and for every scenario under spec/scenarios/.
"""

import glob
import json
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
HARNESS = os.path.dirname(HERE)
SPEC = os.path.dirname(HARNESS)
REPO = os.path.dirname(SPEC)
if HARNESS not in sys.path:
    sys.path.insert(0, HARNESS)

from asyncspec.ir import compiler, nodes, schema  # noqa: E402
from asyncspec.ir import interp as ir_interp  # noqa: E402
from asyncspec.runtimes import oracle  # noqa: E402

HEADER = '"""\nid = "test.compiler"\nclauses = []\n"""\nimport asyncio\n'
VERSION = sys.version_info[:2]


def marked_line(src):
    """Line (1-based, in HEADER + src) of the line carrying the `#!` marker."""
    for i, line in enumerate((HEADER + src).splitlines(), 1):
        if "#!" in line:
            return i
    raise AssertionError("no #! marker")


# (name, program body (after HEADER), reason regex). The offending line is
# marked with `#!`.
REJECTS = [
    ("f-string repr", 'async def main():\n    log(f"x{1!r}")  #!\n', r"conversion !r is not allowed"),
    ("f-string spec", 'async def main():\n    log(f"x{1.5:.1f}")  #!\n', r"format spec is not allowed"),
    ("genexp two fors", 'async def main():\n    log(list(x for x in range(2) for y in range(2)))  #!\n',
     r"exactly one `for`"),
    ("import other", 'import time  #!\nasync def main():\n    pass\n', r"only `import asyncio`"),
    ("import as", 'import asyncio as aio  #!\nasync def main():\n    pass\n', r"only `import asyncio`"),
    ("from import other", 'from os import path  #!\nasync def main():\n    pass\n', r"from asyncio import NAME"),
    ("from import star", 'from asyncio import *  #!\nasync def main():\n    pass\n', r"import \*` is not allowed"),
    ("from import unknown", 'from asyncio import run  #!\nasync def main():\n    pass\n', r"unknown asyncio API"),
    ("from import rebound", 'from asyncio import sleep\nasync def main():\n    sleep = 1  #!\n', r"cannot be rebound"),
    ("exception class body statement", 'class Boom(Exception):\n    x = foo()  #!\nasync def main():\n    pass\n',
     r"must assign a constant"),
    ("super outside a method", 'async def main():\n    super().go()  #!\n', r"super\(\) is only allowed directly in a method"),
    ("class body statement", 'class Box:\n    if True:  #!\n        pass\nasync def main():\n    pass\n',
     r"not allowed in a class body"),
    ("method without self", 'class Box:\n    def make():  #!\n        pass\nasync def main():\n    pass\n',
     r"needs `self`"),
    ("unknown attribute", 'async def main():\n    t = asyncio.current_task()\n    log(t.zzz)  #!\n',
     r"attribute 'zzz' is not allowed"),
    ("class base", 'class Boom(ValueError):  #!\n    pass\nasync def main():\n    pass\n',
     r"base of an exception class"),
    ("class two bases", 'class A(Exception):\n    pass\nclass B(A, Exception):  #!\n    pass\n'
                        'async def main():\n    pass\n', r"exactly one base"),
    ("slice store", 'async def main():\n    xs = [1, 2]\n    xs[0:1] = [3]  #!\n', r"assignment to a slice is not allowed"),
    ("with", 'async def main():\n    with asyncio.Lock():  #!\n        pass\n', r"`with` \(use `async with`\)"),
    ("yield", 'def gen():\n    yield 1  #!\nasync def main():\n    pass\n', r"yield is not allowed"),
    ("yield from", 'def gen():\n    yield from [1]  #!\nasync def main():\n    pass\n', r"yield from"),
    ("global undefined", 'async def main():\n    global nope  #!\n    nope = 1\n', r"not a module-level variable"),
    ("global of function", 'def f():\n    pass\nasync def main():\n    global f  #!\n', r"a function or class"),
    ("global after use", 'n = 0\nasync def main():\n    log(n)\n    global n  #!\n', r"must come before any use"),
    ("global of param", 'n = 0\ndef f(n):\n    global n  #!\nasync def main():\n    pass\n', r"is a parameter"),
    ("unknown api", 'async def main():\n    asyncio.get_event_loop()  #!\n', r"unknown asyncio API asyncio\.get_event_loop"),
    ("unknown api value", 'async def main():\n    x = asyncio.events  #!\n', r"unknown asyncio API"),
    ("asyncio.run", 'async def main():\n    asyncio.run(main())  #!\n', r"asyncio\.run is not allowed"),
    ("main guard", 'async def main():\n    pass\nif __name__ == "__main__":  #!\n    asyncio.run(main())\n',
     r"asyncio\.run is not allowed"),
    ("unknown function", 'async def main():\n    print("x")  #!\n', r"unknown function 'print'"),
    ("unknown name", 'async def main():\n    log(undefined)  #!\n', r"unknown name 'undefined'"),
    ("unknown method", 'async def main():\n    t = asyncio.current_task()\n    t.get_coro()  #!\n',
     r"unknown method 'get_coro'"),
    ("private attribute", 'async def main():\n    t = asyncio.current_task()\n    log(t._state)  #!\n',
     r"attribute '_state' is not allowed"),
    ("await in def", 'def f():\n    await asyncio.sleep(0)  #!\nasync def main():\n    pass\n',
     r"await outside an async function"),
    ("async with in def", 'def f():\n    async with asyncio.Lock():  #!\n        pass\nasync def main():\n    pass\n',
     r"async with outside an async function"),
    ("no main", 'async def start():\n    pass\n', r"must define `async def main\(\)`"),
    ("sync main", 'def main():\n    pass\n', r"must define `async def main\(\)`"),
    ("main params", 'async def main(x):  #!\n    pass\n', r"main\(\) takes no parameters"),
    ("while else", 'async def main():\n    while False:\n        pass\n    else:\n        pass  #!\n',
     r"`while \.\.\. else`"),
    ("for else", 'async def main():\n    for i in range(2):\n        pass\n    else:\n        pass  #!\n',
     r"`for \.\.\. else`"),
    ("decorator", 'def deco(f):\n    return f\n@deco\nasync def main():  #!\n    pass\n', r"decorators"),
    ("default expr", 'def f(a=[]):\n    pass\nasync def main():\n    pass\n', r"defaults must be constants"),
    ("starred target", 'async def main():\n    a, *b = [1, 2]  #!\n', r"starred assignment"),
    ("chained assign", 'async def main():\n    a = b = 1  #!\n', r"chained assignment"),
    ("return in except*", 'async def main():\n    try:\n        pass\n    except* ValueError:\n        return  #!\n',
     r"return is not allowed in an except\* block"),
    ("break in except*", 'async def main():\n    for i in range(2):\n        try:\n            pass\n'
                         '        except* ValueError:\n            break  #!\n', r"break is not allowed in an except\*"),
    ("except* group", 'async def main():\n    try:\n        pass\n    except* ExceptionGroup:  #!\n        pass\n',
     r"except\* cannot match exception groups"),
    ("nonlocal unbound", 'async def main():\n    def f():  #!\n        nonlocal q\n        q = 1\n',
     r"no enclosing function binds 'q'"),
    ("nonlocal global", 'n = 0\nasync def main():\n    global n\n    def f():  #!\n        nonlocal n\n',
     r"no enclosing function binds 'n'"),
    ("unknown receiver", 'async def main():\n    vloop.unordered(1)  #!\n', r"unknown name 'vloop'"),
    ("api keyword", 'async def c():\n    pass\nasync def main():\n    asyncio.create_task(c(), context=None)  #!\n',
     r"does not take the keyword 'context' \(outside the language\)"),
    ("api keyword typo", 'async def main():\n    await asyncio.sleep(1, reslt=2)  #!\n', r"does not take the keyword 'reslt'"),
    ("module call", 'x = asyncio.Lock()  #!\nasync def main():\n    pass\n', r"must assign a constant"),
    ("walrus", 'async def main():\n    if (n := 1):  #!\n        pass\n', r"walrus"),
    ("bare asyncio class", 'async def main():\n    try:\n        pass\n    except CancelledError:  #!\n        pass\n',
     r"must be written asyncio\.CancelledError"),
    ("comprehension two fors", 'async def main():\n    log([x for x in range(2) for y in range(2)])  #!\n',
     r"exactly one `for`"),
    ("comprehension two ifs", 'async def main():\n    log([x for x in range(5) if x if x])  #!\n', r"at most one `if`"),
    ("assert", 'async def main():\n    assert True  #!\n', r"assert is not allowed"),
    ("del", 'async def main():\n    x = 1\n    del x  #!\n', r"del is not allowed"),
    ("syntax error", 'async def main():\n    log(1  #!\n', r"syntax error"),
    ("break outside loop", 'async def main():\n    break  #!\n', r"break outside a loop"),
    ("bytes", 'async def main():\n    log(b"x")  #!\n', r"bytes literal"),
    ("big int", 'async def main():\n    log(99999999999999999999)  #!\n', r"64-bit range"),
    ("power", 'async def main():\n    log(2 ** 3)  #!\n', r"binary operator Pow"),
    ("log kwargs", 'async def main():\n    log("x", sep=1)  #!\n', r"log\(\) takes no keyword"),
    ("builtin kwargs", 'async def main():\n    log(len([1], x=1))  #!\n', r"does not take the keyword 'x'"),
    ("shadow builtin", 'def len(x):  #!\n    return 0\nasync def main():\n    pass\n', r"shadows a builtin"),
    ("shadow log", 'log = 1  #!\nasync def main():\n    pass\n', r"shadows a builtin"),
    ("duplicate def", 'async def main():\n    pass\nasync def main():  #!\n    pass\n', r"defined twice"),
    ("assign to builtin", 'async def main():\n    len = 1  #!\n', r"cannot assign to 'len'"),
    ("nonlocal-free asyncio value", 'async def main():\n    a = asyncio  #!\n', r"only usable as `asyncio\.NAME`"),
    ("star in display", 'async def main():\n    xs = [1]\n    log([*xs])  #!\n', r"starred items in a display"),
    ("matmul", 'async def main():\n    log(1 @ 2)  #!\n', r"binary operator MatMult"),
    ("invert", 'async def main():\n    log(~1)  #!\n', r"unary operator Invert"),
    ("annotated assign", 'async def main():\n    x: int = 1  #!\n', r"annotated assignments"),
    ("async comprehension", 'async def main():\n    log([x async for x in asyncio.as_completed([])])  #!\n',
     r"async comprehensions"),
]

HEADER_REJECTS = [   # the one header validator's messages (ir/header.py), at the offending key's line
    ("no docstring", 'import asyncio\nasync def main():\n    pass\n', 1, r"missing metadata header"),
    ("bad toml", '"""\nid = \n"""\nasync def main():\n    pass\n', 2, r"bad TOML header"),
    ("unknown key", '"""\nid = "a.b"\nclauses = []\nfoo = 1\n"""\nasync def main():\n    pass\n', 4,
     r"unknown header key 'foo'"),
    ("bad id", '"""\nid = "nodots"\nclauses = []\n"""\nasync def main():\n    pass\n', 2, r"bad id 'nodots'"),
    ("unknown feature", '"""\nid = "a.b"\nclauses = []\nfeatures = ["warp-drive"]\n"""\nasync def main():\n    pass\n',
     4, r"unknown feature 'warp-drive'"),
    ("no clauses", '"""\nid = "a.b"\n"""\nasync def main():\n    pass\n', 1, r"lacks required key 'clauses'"),
    ("bad version", '"""\nid = "a.b"\nclauses = []\nmin_version = 3.12\n"""\nasync def main():\n    pass\n', 4,
     r"min_version"),
]


# ---------------------------------------------------------------------------
# A validator for the JSON Schema subset ir.schema.json uses.

class SchemaError(Exception):
    pass


def validate(instance, schema, root=None, path="$"):
    root = root if root is not None else schema
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return validate(instance, root["$defs"][ref[len("#/$defs/"):]], root, path)
    if "anyOf" in schema:
        errors = []
        for sub in schema["anyOf"]:
            try:
                validate(instance, sub, root, path)
                break
            except SchemaError as e:
                errors.append(str(e))
        else:
            op = instance.get("op") if isinstance(instance, dict) else None
            # report the branch whose "op" matched, if any
            hint = [e for e in errors if op is not None and "op" not in e.split(":")[0]]
            raise SchemaError(f"{path}: no alternative matches (op={op!r}); " + (hint[0] if hint else errors[0]))
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(instance, t) for t in types):
            raise SchemaError(f"{path}: expected {types}, got {type(instance).__name__}")
    if "const" in schema and instance != schema["const"]:
        raise SchemaError(f"{path}: expected const {schema['const']!r}, got {instance!r}")
    if "enum" in schema and instance not in schema["enum"]:
        raise SchemaError(f"{path}: {instance!r} not in enum")
    if "minimum" in schema and instance < schema["minimum"]:
        raise SchemaError(f"{path}: {instance!r} < minimum")
    if "pattern" in schema and not re.search(schema["pattern"], instance):
        raise SchemaError(f"{path}: {instance!r} does not match {schema['pattern']}")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", ()):
            if k not in instance:
                raise SchemaError(f"{path}: missing {k!r}")
        for k, v in instance.items():
            if k in props:
                validate(v, props[k], root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                raise SchemaError(f"{path}: unexpected property {k!r}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            raise SchemaError(f"{path}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, v in enumerate(instance):
                validate(v, schema["items"], root, f"{path}[{i}]")


def _is_type(v, t):
    return {
        "object": isinstance(v, dict), "array": isinstance(v, list), "string": isinstance(v, str),
        "boolean": isinstance(v, bool), "null": v is None,
        "integer": isinstance(v, int) and not isinstance(v, bool),
        "number": isinstance(v, (int, float)) and not isinstance(v, bool),
    }[t]


def load_schema():
    with open(os.path.join(SPEC, "schema", "ir.schema.json"), encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------
# Round trip helpers

def scenario_files():
    return sorted(glob.glob(os.path.join(SPEC, "scenarios", "*", "*.py")))


def version_ok(meta):
    def v(s):
        return tuple(int(x) for x in s.split("."))
    if "min_version" in meta and VERSION < v(meta["min_version"]):
        return False
    if "max_version" in meta and VERSION > v(meta["max_version"]):
        return False
    return True


def canonical(trace, unordered):
    """Sort each maximal run of consecutive events whose labels all belong to
    the same unordered group (LANGUAGE.md, Unordered groups)."""
    if not unordered:
        return trace
    group_of = {}
    for i, g in enumerate(unordered):
        for label in g:
            group_of[label] = i

    def label(ev):
        v = ev.get("v")
        return v[0] if v and isinstance(v[0], str) else None

    out, i = [], 0
    while i < len(trace):
        g = group_of.get(label(trace[i]))
        if g is None:
            out.append(trace[i])
            i += 1
            continue
        j = i
        while j < len(trace) and group_of.get(label(trace[j])) == g:
            j += 1
        out.extend(sorted(trace[i:j], key=lambda e: json.dumps(e, sort_keys=True)))
        i = j
    return out


def run_both(source, filename, ir, real_threads=False):
    def attempt(fn):
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - compared, not hidden
            return ("error", type(e).__name__, str(e))

    def run(fn):
        result = attempt(fn)
        # A scenario with real threads waits for them in real time: on a
        # loaded machine one run in hundreds was seen to give up (a hang on
        # the source side only). Such a run is retried once, and says so.
        if real_threads and result[:2] == ("error", "HangError"):
            sys.stderr.write(f"\n{filename}: {result[2]}; retried once (real threads)\n")
            result = attempt(fn)
        return result[:2] if result[0] == "error" else result
    by_source = run(lambda: oracle.run_scenario(source, filename))
    by_ir = run(lambda: ir_interp.run_ir(ir, filename))
    return by_source, by_ir


# Small programs exercising the corners of the IR semantics.
PROGRAMS = {
    "exception-classes-with-bodies": '''
class AppError(Exception):
    kind = "app"

    def __init__(self, code, detail="none"):
        super().__init__(code)
        self.code = code
        self.detail = detail

    def describe(self):
        return f"{self.kind}:{self.code}:{self.detail}"

class DiskError(AppError):
    kind = "disk"

class Counter:
    def __init__(self):
        self.n = 0

class Bigger(Counter):
    def __init__(self, start):
        super().__init__()
        self.n += start

async def fail(code):
    await asyncio.sleep(0.1)
    raise DiskError(code, detail="full")

async def main():
    try:
        await fail(7)
    except AppError as e:
        log("caught", e, e.args, e.code, e.detail, e.describe(), type(e).__name__, e.kind)
        e.code += 1
        log("changed", e.code)
    t = asyncio.create_task(fail(3))
    try:
        await t
    except DiskError:
        log("task exc", t.exception().code, t.exception().describe())
    log("bigger", Bigger(5).n, AppError(1).describe())
''',
    "module-level-displays": '''
LIMITS = {"a": 1, "b": [2, 3]}
SEEN = {1, 2}
NAMES = ("x", "y")

async def main():
    LIMITS["c"] = len(SEEN)
    SEEN.add(3)
    log("globals", LIMITS, SEEN, NAMES, {v: k for k, v in enumerate(NAMES)})
''',
    "exception-group-split": '''
class A(Exception):
    pass

class B(Exception):
    pass

async def main():
    inner = ExceptionGroup("inner", [A(1), B(2)])
    eg = ExceptionGroup("outer", [A(3), inner, B(4)])
    m, r = eg.split(A)
    log("split", m, r, m.__class__.__name__)
    log("whole", eg.split(Exception)[0] is eg, eg.split(KeyError), eg.subgroup(B))
    log("pred", eg.subgroup(lambda e: isinstance(e, A) and e.args[0] > 1), eg.split((A, B))[1])
    mixed = BaseExceptionGroup("m", [A(5), asyncio.CancelledError("c")])
    mm, rr = mixed.split(A)
    log("mixed", type(mm).__name__, type(rr).__name__, mm, rr)
''',
    "star-args-kwargs-kwonly": '''
def describe(*args, sep="-", **kwargs):
    return [list(args), sep, sorted(kwargs.items())]

async def worker(name, *, delay=0.1, result=None):
    await asyncio.sleep(delay)
    return f"{name}:{result}"

async def main():
    log("describe", describe(), describe(1, 2, sep="+"), describe(x=1, **{"y": 2}))
    opts = {"delay": 0.3, "result": 7}
    log("kwonly", await worker("a"), await worker("b", **opts), await worker(*["c"], result=1))
    def spawn(coro, **kwargs):
        return asyncio.create_task(coro, **kwargs)

    t = spawn(worker("d"), name="named")
    log("spawned", await t, t.get_name())

    def make(prefix, *, upper=False):
        return lambda *parts, **kw: prefix + "".join(parts) + ("!" if upper else "") + str(len(kw))
    log("closure", make("p")("a", "b"), make("q", upper=True)(z=1))
    words = "  Hello wide  world ".split()
    log("str", words, "-".join(words).upper(), "a,b,,c".split(","), " x ".strip(), "xxhixx".strip("x"),
        "abc".startswith("ab"), "abc".endswith("bc"), "aXbX".replace("X", "_").lower(), "ab".replace("", "."))
    for bad in ("missing", "extra", "dup"):
        try:
            if bad == "missing":
                await worker()
            elif bad == "extra":
                await worker("e", 1)
            else:
                describe(**{"sep": "a"}, sep="b")
        except TypeError:
            log("type error", bad)
''',
    "classes-protocols": '''
class Counter:
    total = 0

    def __init__(self, name):
        self.name = name
        self.n = 0

    def bump(self, k=1):
        self.n += k
        return self.n

class Gate(Counter):
    async def __aenter__(self):
        log("enter", self.name)
        await asyncio.sleep(0.1)
        return self

    async def __aexit__(self, et, exc, tb):
        log("exit", self.name, et is None, type(exc).__name__)
        return isinstance(exc, KeyError)

class Ticks:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0.5)
        return self.i

class Later:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        return self.fut.__await__()

async def main():
    c = Counter("c")
    log("bump", c.bump(), c.bump(5), c.n, c.name, Counter.total, c.total, type(c).__name__, isinstance(c, Counter))
    loop = asyncio.get_running_loop()
    loop.call_soon(c.bump, 10)
    await asyncio.sleep(0)
    log("after cb", c.n)
    async with Gate("g") as g:
        log("inside", g.name, g is not None)
    try:
        async with Gate("h"):
            raise KeyError("x")
    except KeyError:
        log("not suppressed")
    got = []
    async for v in Ticks(3):
        got.append(v)
    log("ticks", got, loop.time())
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, "late")
    log("awaited", await Later(fut), isinstance(Gate("x"), Counter))
''',
    "generator-expressions": '''
async def child(i):
    await asyncio.sleep(i)
    return i * 10

def seen(x):
    log("seen", x)
    return x > 1

async def main():
    log("any", any(seen(x) for x in [0, 2, 5]), all(seen(x) for x in [3, 0, 9]))
    tasks = [asyncio.create_task(child(i)) for i in range(3)]
    done, pending = await asyncio.wait(set(t for t in tasks), return_when=asyncio.FIRST_COMPLETED)
    log("wait", len(done), len(pending))
    log("gather", await asyncio.gather(*(child(i) for i in range(2))))
    xs = [1, 2, 3]
    n = 0
    g = (x + n for x in xs)
    n = 100
    xs.append(4)
    log("late", next(g), list(g), list(g))
    log("aggregate", sum(x * x for x in range(4)), max(len(w) for w in ["a", "abc"]),
        sorted((-x for x in xs), key=lambda v: v * v), set(x % 2 for x in xs), dict((x, str(x)) for x in xs if x < 3))
    fs = list((lambda: i) for i in range(3))
    log("captured", [f() for f in fs])
    pairs = [(1, "a"), (2, "b")]
    log("unpack", list(k * 2 for k, v in pairs if v != "a"))
    try:
        (x for x in 5)
    except TypeError:
        log("not iterable")
    gen = (t.done() for t in tasks)
    log("type", type(gen).__name__, next(gen), next(gen, None))
''',
    "dicts-sets-list-methods": '''
async def child(i):
    await asyncio.sleep(i / 10)
    return i * i

async def main():
    d = {"b": 1, "a": 2}
    d["c"] = 3
    d["b"] += 10
    log("dict", d, len(d), "a" in d, "z" in d, d["a"], d.get("z"), d.get("z", 0), list(d), sorted(d))
    keys = d.keys()
    log("views", list(keys), list(d.values()), list(d.items()), len(keys), "a" in keys, ("a", 2) in d.items(), d.pop("a"), d.pop("z", None), d.setdefault("e", []), d)
    d2 = dict(d)
    d2.update({"f": 1}, g=2)
    log("live view", list(keys), 3 in d.values())
    log("update", d2, d2 == d, dict([(1, 2)]) == {1: 2}, {1: 2, 3: 4} == {3: 4, 1: 2}, dict(x=1))
    squares = {i: i * i for i in range(4) if i != 2}
    log("dictcomp", squares, {k: v for k, v in squares.items() if v > 0})
    s = {3, 1, 2, 3}
    s.add(5)
    s.discard(1)
    s.discard(42)
    log("set", s, len(s), 2 in s, 1 in s, {x % 3 for x in range(7)}, set(), set([1, 1, 2]) == {2, 1}, sorted(s))
    tasks = {asyncio.create_task(child(i)) for i in range(3)}
    done, pending = await asyncio.wait(tasks)
    log("wait sets", len(done), pending, sorted([t.result() for t in done]))
    results = {}
    for t in done:
        results[t.get_name()] = t.result()
    log("by result", sorted(results.values()))
    xs = [5, 3, 5, 1]
    log("list", xs.index(5), xs.count(5), xs.pop(), xs.pop(0), xs, xs.copy())
    xs.insert(0, 9)
    xs.insert(-1, 7)
    xs.insert(100, 0)
    xs.extend((4, 4))
    xs.remove(4)
    log("list2", xs)
    for bad in ([], {}, set()):
        try:
            {bad: 1}
        except TypeError:
            log("unhashable", type(bad).__name__)
    try:
        d["missing"]
    except KeyError:
        log("key error")
    try:
        xs.index(42)
    except ValueError:
        log("not in list")
    try:
        s.remove(42)
    except KeyError:
        log("set remove")
    log("nested", {"k": {"x": (1, [2])}, "t": {frozen for frozen in ["a"]}}, {(1, 2): "tuple key"})
''',
    "from-asyncio-import": '''
from asyncio import sleep, create_task, CancelledError, TimeoutError as Expired, timeout, Event

async def waiter(ev):
    await ev.wait()
    return "woken"

async def main():
    ev = Event()
    t = create_task(waiter(ev))
    await sleep(0.5)
    ev.set()
    log("waiter", await t)
    try:
        async with timeout(1):
            await sleep(5)
    except Expired:
        log("expired")
    s = create_task(sleep(3))
    await sleep(0)
    s.cancel()
    try:
        await s
    except CancelledError:
        log("cancelled", s.cancelled())
''',
    "iteration-builtins-slices": '''
async def main():
    xs = [3, 1, 4, 1, 5]
    log("slices", xs[1:3], xs[::-1], xs[-2:], xs[:-10], xs[10:], xs[::2], xs[-1:-4:-1], (1, 2, 3)[1:], "abcdef"[1:5:2])
    log("enumerate", list(enumerate(xs)), list(enumerate("ab", 1)), list(enumerate([], start=5)))
    log("zip", list(zip(xs, "abc")), list(zip()), list(zip([1, 2], (3, 4), range(2))))
    log("minmax", min(xs), max(xs), min(4, 2, 8), max([], default=None), max(["a", "bb", "c"], key=len),
        min([(1, "b"), (1, "a")]), max([2, 2.0], key=lambda v: v))
    log("anyall", any([]), all([]), any([0, "", 3]), all([1, 0]), sorted(["bb", "a"], key=len), sorted([2, 1], key=str))
    log("sum", sum(xs), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(5), 10))
    log("conv", list("ab"), tuple(xs), list(), tuple(), list(range(3)))
    log("map", list(map(str, xs)), list(map(lambda a, b: a * b, xs, [10, 20])), list(filter(None, [0, 1, "", "x"])),
        list(filter(lambda v: v > 2, xs)))
    log("round", round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(0.125, 2), round(1234.5, -2), round(7, 1),
        round(1 / 3, 4), abs(-3), abs(-2.5), round(-1.5))
    it = iter(xs)
    log("next", next(it), next(it), next(it))
    grow = [1]
    for i, v in enumerate(grow):
        if i < 3:
            grow.append(v + 1)
    log("live", grow)
    it2 = iter([1, 2, 3, 4])
    log("partial", any([v == 2 for v in it2]), list(it2))
    it3 = iter([5, 6])
    log("next default", next(it3), next(it3), next(it3, "done"), iter(it3) is it3)
    try:
        next(it3)
    except StopIteration:
        log("stop")
    try:
        max([])
    except ValueError:
        log("empty max")
    try:
        sum(["a", "b"], "")
    except TypeError:
        log("sum strings")
    try:
        xs[::0]
    except ValueError:
        log("zero step")
    for a, b in zip(xs, xs[1:]):
        if a > b:
            log("descent", a, b)

    async def stopper():
        next(iter([]))

    def sync_stop():
        raise StopIteration("s")

    try:
        await stopper()
    except RuntimeError as e:
        log("pep479", type(e.__cause__).__name__, e.__cause__ is e.__context__)
    try:
        sync_stop()
    except StopIteration:
        try:
            raise
        except StopIteration as again:
            log("sync stop", len(again.args))
    t = asyncio.create_task(stopper())
    try:
        await t
    except RuntimeError:
        log("task pep479", t.done())
''',
    "bound-methods-types-fstrings": '''
class Boom(Exception):
    pass

async def sleeper():
    await asyncio.sleep(10)

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    loop.call_later(1, t.cancel, "late")
    fired = []
    loop.call_later(0.5, fired.append, "half")
    try:
        await t
    except asyncio.CancelledError as e:
        log("cancelled", e.args, fired)
    a, b = loop.create_future(), loop.create_future()
    a.add_done_callback(log)
    b.add_done_callback(fired.append)
    log("removed", b.remove_done_callback(fired.append), a.remove_done_callback(b.set_result))
    a.set_result(1)
    await asyncio.sleep(0)
    log("types", type(1).__name__, type(1.5).__name__, type("s").__name__, type(None).__name__,
        type([]).__name__, type(()).__name__, type(True).__name__)
    log("classes", type(Boom()).__name__, type(Boom()) is Boom, Boom().__class__ is Boom,
        type(asyncio.CancelledError()).__name__, type(t).__name__, type(t) is asyncio.Task,
        type(a) is asyncio.Future, isinstance(3, type(4)), type(3) == int)
    def helper():
        pass
    log("names", helper.__name__, sleeper.__name__, (lambda: 0).__name__)
    n = 3
    log(f"n={n} half={n / 2} none={None} ok={n > 2}!", f"{'x'}", f"", f"{Boom()}" if False else "")
    log("ifexp", "big" if n > 2 else "small", [x if x % 2 else -x for x in range(4)])
''',
    "closures": '''
async def main():
    n = 0
    seen = []

    def bump(k=1):
        nonlocal n
        n += k

    async def worker(i, delay=0.1 * 2):
        await asyncio.sleep(delay)
        bump(i)
        seen.append(i)
        return (lambda x: x * i)(3)

    t = asyncio.create_task(worker(5))
    loop = asyncio.get_running_loop()
    loop.call_soon(bump, 10)
    loop.call_soon(lambda: log("lam", n))
    log("got", await t, n, seen)

    late = []
    for i in range(3):
        late.append(lambda: i)
    early = []
    for i in range(3):
        early.append(lambda i=i: i)
    log("late", [f() for f in late], "early", [f() for f in early])

    def counter():
        count = 0
        def inc():
            nonlocal count
            count += 1
            return count
        return inc
    c1, c2 = counter(), counter()
    log("counters", c1(), c1(), c2())

    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    log("fact", fact(5))

    fut = loop.create_future()
    cb = lambda f: log("done cb", f.result())
    fut.add_done_callback(cb)
    fut.add_done_callback(lambda f: log("other"))
    log("removed", fut.remove_done_callback(cb), fut.remove_done_callback(lambda f: None))
    fut.set_result(7)
    await asyncio.sleep(0)

    def unbound():
        return later
    try:
        unbound()
    except NameError as e:
        log("free unbound", isinstance(e, UnboundLocalError))
    later = 1
    log("bound now", unbound())
''',
    "globals-and-race": '''
counter = 0
events = []

async def bump(name):
    global counter
    counter += await helper(name)
    events.append(name)

async def helper(name):
    await asyncio.sleep(0)
    return 1

async def main():
    t1 = asyncio.create_task(bump("a"))
    t2 = asyncio.create_task(bump("b"))
    await t1
    await t2
    log("counter", counter, events)
''',
    "locals-shadowing": '''
x = 10

def f(x, y=-2, z="z"):
    return [x, y, z]

async def main():
    log("global", x)
    xs = [1, 2, 3]
    x = 5
    ys = [x * 2 for x in xs if x != 2]
    log("comp", ys, x, f(1), f(1, 3), f(1, z=None), f(*xs))
    pairs = [(1, "a"), (2, "b")]
    log([b for a, b in pairs])
    a, (b, c) = 1, [2, 3]
    log(a, b, c)
''',
    "control-flow": '''
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    else:
        return "pos"

async def loop_finally():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            log("body", i)
        finally:
            log("finally", i)
    return "done"

async def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

async def finally_swallows():
    for i in range(2):
        try:
            raise ValueError()
        finally:
            break
    return "swallowed"

async def main():
    log([classify(n) for n in [-1, 0, 1]])
    log(await loop_finally())
    log(await finally_overrides())
    log(await finally_swallows())
    n = 0
    while True:
        n += 1
        if n % 2 == 0:
            continue
        if n > 6:
            break
        log("odd", n)
    log(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, "a" in "cat", 3 not in [1, 2], None is None)
    log(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 / 2, 2 * 3, "ab" + "c", [1] + [2], (1,) + (2,))
    log(0 or "x", 1 and 2, [] or [], not 0, -(3), len("abc"), str(12), str(1.5), sorted([3, 1, 2], reverse=True))
    log(isinstance(1, int), isinstance(True, int), isinstance("s", (int, str)), range(3)[1], len(range(4)))
''',
    "exceptions": '''
class Boom(Exception):
    pass

class Fatal(BaseException):
    pass

class Sub(Boom):
    pass

async def raiser(exc):
    await asyncio.sleep(0)
    raise exc

async def main():
    try:
        await raiser(Sub("x", 1))
    except (ValueError, Boom) as e:
        log("caught", e, e.args, isinstance(e, Boom), isinstance(e, Sub))
    try:
        e
    except UnboundLocalError as u:
        log("unbound after handler", u)
    try:
        try:
            raise Boom("inner")
        except Boom:
            raise Fatal("outer")
    except Fatal as f:
        log("context", f, f.__context__, f.__cause__)
    try:
        try:
            raise Boom("a")
        except Boom as b:
            raise ValueError() from b
    except ValueError as v:
        log("cause", v.__cause__)
    try:
        try:
            raise Boom("again")
        except Boom:
            raise
    except Boom as b:
        log("reraised", b)
    try:
        raise Boom
    except Boom as b:
        log("class raised", b)
    try:
        try:
            raise Boom(1)
        except ValueError:
            log("not here")
        else:
            log("not here either")
    except Boom as b:
        log("fell through", b)
    try:
        pass
    except Boom:
        pass
    else:
        log("else ran")
    for bad in [0, "x", None]:
        try:
            log(1 / bad)
        except ZeroDivisionError as z:
            log("zde", z)
        except TypeError as t:
            log("type", t)
    try:
        [1][5]
    except IndexError as i:
        log("index", i)
    try:
        a, b = [1, 2, 3]
    except ValueError as v:
        log("unpack", v)
    try:
        raise 5
    except TypeError as t:
        log("raise non-exception", t)
    try:
        raise
    except RuntimeError as r:
        log("bare raise outside handler", r)
    raise Boom("end", [1, (2,)])
''',
    "except-star": '''
class A(Exception):
    pass

class B(Exception):
    pass

async def main():
    try:
        raise ExceptionGroup("eg", [A(1), B(2), A(3)])
    except* A as g:
        log("A", g, g.exceptions)
    except* B as g:
        log("B", g)
    try:
        try:
            raise A("naked")
        except* A as g:
            log("wrapped", g)
            raise B("from handler")
    except (ExceptionGroup, B) as outer:
        log("outer", outer)
    try:
        try:
            raise BaseExceptionGroup("beg", [A(1), asyncio.CancelledError("c")])
        except* A:
            log("got A")
    except BaseExceptionGroup as rest:
        log("rest", rest)
    try:
        raise BaseExceptionGroup("all exceptions", [A(1)])
    except ExceptionGroup as eg:
        log("became ExceptionGroup", eg)
''',
    "async-with-and-timeout": '''
async def main():
    lock = asyncio.Lock()
    async with lock:
        log("locked", lock.locked())
    log("released", lock.locked())
    try:
        async with asyncio.timeout(0.5) as cm:
            log("deadline", cm.when())
            await asyncio.sleep(1)
    except TimeoutError as e:
        log("timed out", e, cm.expired())
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(asyncio.sleep(0.25, "r"))
    log("tg", t.result(), t.done())
    for i in range(3):
        async with lock:
            if i == 1:
                continue
            if i == 2:
                break
            log("in lock", i)
    log("final", lock.locked())
''',
    "callbacks": '''
def tick(n):
    log("tick", n)
    if n < 3:
        asyncio.get_running_loop().call_soon(tick, n + 1)

def on_done(fut):
    log("done cb", fut)

def never(fut):
    log("removed, never")

def resolve(fut, value):
    fut.set_result(value)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, 0)
    loop.call_later(0.5, log, "later", 1)
    h = loop.call_at(0.25, log, "cancelled timer")
    h.cancel()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    fut.add_done_callback(never)
    log("removed", fut.remove_done_callback(never))
    loop.call_soon(resolve, fut, 7)
    log("awaited", await fut, h.cancelled())
    await asyncio.sleep(1)
    log("time", loop.time())
''',
    "tasks-and-gather": '''
async def work(n, fail=False):
    await asyncio.sleep(n / 10)
    if fail:
        raise ValueError(n)
    return n * 2

async def main():
    ts = [asyncio.create_task(work(n)) for n in range(3)]
    log("names", [t.get_name() for t in ts], ts[0])
    log("gather", await asyncio.gather(*ts))
    r = await asyncio.gather(work(1), work(2, True), return_exceptions=True)
    log("with exc", r)
    done, pending = await asyncio.wait([asyncio.create_task(work(1)), asyncio.create_task(work(5))],
                                       return_when=asyncio.FIRST_COMPLETED)
    log("wait", len(done), len(pending), sorted([t.result() for t in done]))
    for t in pending:
        t.cancel("stop")
        try:
            await t
        except asyncio.CancelledError as c:
            log("cancelled", c, t.cancelled())
    for c in asyncio.as_completed([work(3), work(1)]):
        log("as_completed", await c)
    me = asyncio.current_task()
    log("me", me, me.get_name(), len(asyncio.all_tasks()))
    return (1, [2.5, None, True])
''',
    "unbound-local": '''
async def main():
    if False:
        x = 1
    log(x)
''',
}


class TestRejects(unittest.TestCase):
    def test_rejects(self):
        for name, body, reason in REJECTS:
            with self.subTest(name):
                src = HEADER + body
                with self.assertRaises(compiler.CompileError) as cm:
                    compiler.compile_source(src, "t.py")
                err = cm.exception
                self.assertRegex(err.reason, reason)
                self.assertTrue(str(err).startswith(f"t.py:{err.line}"), str(err))
                if "#!" in body:
                    self.assertEqual(err.line, marked_line(body), str(err))

    def test_header_rejects(self):
        for name, src, line, reason in HEADER_REJECTS:
            with self.subTest(name):
                with self.assertRaises(compiler.CompileError) as cm:
                    compiler.compile_source(src, "h.py")
                self.assertRegex(cm.exception.reason, reason)
                self.assertEqual(cm.exception.line, line)

    def test_accepts_language_examples(self):
        src = HEADER + '''
class Boom(Exception):
    """docstring body is fine"""

class Sub(Boom):
    pass

N = -3
NAMES = ["a", ("b", 1.5)]

def cb(fut, tag="t"):
    log("cb", tag)

async def main():
    global N
    N += 1
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0))])
    xs = [1, 2]
    xs[0] = 3
    async with asyncio.timeout(1) as cm, asyncio.Lock() as lk:
        pass
    async for t in asyncio.as_completed([asyncio.sleep(0)]):
        await t
    try:
        raise Sub("x") from None
    except* Boom as g:
        log(g.exceptions)
    log(isinstance(Boom(), (Boom, asyncio.CancelledError)), asyncio.TimeoutError, TimeoutError)
'''
        ir = compiler.compile_source(src, "ok.py")
        main = [f for f in ir["functions"] if f["name"] == "main"][0]
        self.assertEqual(main["body"][0]["target"], {"op": "global", "name": "N"})
        self.assertEqual([c["name"] for c in ir["classes"] if c["origin"] == "scenario"], ["Boom", "Sub"])
        aw = [s for s in main["body"] if s["op"] == "async_with"][0]
        self.assertEqual(aw["body"][0]["op"], "async_with")  # two items -> nested
        validate(ir, load_schema())


class TestNameResolution(unittest.TestCase):
    def compile_main(self, body, extra=""):
        ir = compiler.compile_source(HEADER + extra + "async def main():\n" + body, "n.py")
        return ir, [f for f in ir["functions"] if f["name"] == "main"][0]

    def test_kinds(self):
        ir, main = self.compile_main(
            "    loop = asyncio.get_running_loop()\n"
            "    loop.call_soon(cb, log, child(), Boom(1), asyncio.CancelledError(), G, ValueError)\n",
            extra="G = 1\nclass Boom(Exception):\n    pass\ndef cb(*a):\n    pass\n".replace("*a", "a")
            + "async def child():\n    pass\n")
        call = main["body"][1]["value"]
        self.assertEqual(call["op"], "call_method")
        self.assertEqual(call["method"], "call_soon")
        self.assertEqual(call["obj"], {"op": "local", "slot": 0, "name": "loop"})
        kinds = [(a["op"], a.get("name") or a.get("class")) for a in call["args"]]
        self.assertEqual(kinds, [("func", "cb"), ("builtin_ref", "log"), ("call_func", "child"),
                                 ("new_exc", "Boom"), ("new_exc", "CancelledError"), ("global", "G"),
                                 ("class", "ValueError")])
        self.assertEqual(main["body"][0]["value"]["op"], "call_api")
        self.assertEqual(main["body"][0]["value"]["api"], "asyncio.get_running_loop")

    def test_local_shadows_global_and_comprehension_slot(self):
        ir, main = self.compile_main("    G = 2\n    log(G, [G for G in range(2)], G)\n", extra="G = 1\n")
        log = main["body"][1]["value"]
        self.assertEqual(log["args"][0], {"op": "local", "slot": 0, "name": "G"})
        comp = log["args"][1]
        self.assertEqual(comp["target"]["slot"], 1)
        self.assertEqual(comp["element"]["slot"], 1)
        self.assertEqual(log["args"][2]["slot"], 0)
        self.assertEqual(main["nlocals"], 2)

    def test_lines(self):
        ir, main = self.compile_main("    x = 1\n\n    log('a',\n        x)\n")
        self.assertEqual(main["body"][0]["line"], 7)
        self.assertEqual(main["body"][1]["line"], 9)
        self.assertEqual(main["body"][1]["value"]["line"], 9)


class TestSchema(unittest.TestCase):
    def test_schema_file_is_generated(self):
        self.assertEqual(load_schema(), schema.ir_schema(),
                         "spec/schema/ir.schema.json is stale: regenerate with python3 -m asyncspec.ir.schema")

    def test_every_node_documented(self):
        with open(os.path.join(SPEC, "IR.md"), encoding="utf-8") as f:
            doc = f.read()
        for op in list(nodes.EXPR_NODES) + list(nodes.STMT_NODES) + list(nodes.TARGET_NODES) + ["starred"]:
            self.assertIn(f"`{op}`", doc, f"IR.md does not document op {op!r}")
        self.assertIn(f"IR version {compiler.IR_VERSION}", doc)

    def test_validator_catches_errors(self):
        schema = load_schema()
        ir = compiler.compile_source(HEADER + "async def main():\n    log(1)\n", "v.py")
        validate(ir, schema)
        ir["functions"][0]["body"][0]["value"]["op"] = "nope"
        with self.assertRaises(SchemaError):
            validate(ir, schema)

    def test_programs_and_scenarios_validate(self):
        schema = load_schema()
        for name, body in PROGRAMS.items():
            with self.subTest(name):
                validate(compiler.compile_source(HEADER + body, name + ".py"), schema)
        for path in scenario_files():
            with self.subTest(os.path.relpath(path, SPEC)):
                ir = compiler.compile_file(path)
                validate(ir, schema)
                self.assertEqual(json.loads(json.dumps(ir)), ir)  # plain JSON


class TestRoundTrip(unittest.TestCase):
    def check(self, source, filename, ir):
        by_source, by_ir = run_both(source, filename, ir, "threads" in ir["meta"].get("features", []))
        unordered = ir["meta"].get("unordered", [])
        if isinstance(by_source, tuple) and isinstance(by_source[0], list):
            by_source = (canonical(by_source[0], unordered), by_source[1])
        if isinstance(by_ir, tuple) and isinstance(by_ir[0], list):
            by_ir = (canonical(by_ir[0], unordered), by_ir[1])
        self.assertEqual(by_source, by_ir)
        return by_source

    def test_programs(self):
        for name, body in PROGRAMS.items():
            with self.subTest(name):
                src = HEADER + body
                result = self.check(src, name + ".py", compiler.compile_source(src, name + ".py"))
                self.assertIsInstance(result[0], list, result)
                self.assertIn("end", result[0][-1])

    def test_eager_tasks(self):
        if VERSION < (3, 12):
            self.skipTest("eager tasks: 3.12+")
        src = HEADER + '''
async def child(n):
    log("child start", n)
    await asyncio.sleep(0)
    log("child end", n)

async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child(1))
    log("created", t.done())
    await t
'''
        self.check(src, "eager.py", compiler.compile_source(src, "eager.py"))

    def test_scenarios(self):
        files = scenario_files()
        ran = 0
        for path in files:
            rel = os.path.relpath(path, REPO)
            with self.subTest(rel):
                ir = compiler.compile_file(rel)
                if not version_ok(ir["meta"]):
                    continue
                with open(path, encoding="utf-8") as f:
                    source = f.read()
                self.check(source, rel, ir)
                ran += 1
        if files:
            self.assertGreater(ran, 0)


class TestCLI(unittest.TestCase):
    def run_tool(self, tool, *args):
        env = dict(os.environ, PYTHONPATH=HARNESS)
        return subprocess.run([sys.executable, "-m", f"asyncspec.ir.{tool}", *args],
                              capture_output=True, text=True, cwd=REPO, timeout=120, env=env)

    def test_compiler_cli(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            good = os.path.join(d, "good.py")
            bad = os.path.join(d, "bad.py")
            with open(good, "w") as f:
                f.write(HEADER + "async def main():\n    log('x')\n")
            with open(bad, "w") as f:
                f.write(HEADER + "async def main():\n    log(x := 1)\n")
            r = self.run_tool("compiler", good)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout)["ir_version"], compiler.IR_VERSION)
            r = self.run_tool("compiler", "--check", good, bad)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stdout, "")
            self.assertRegex(r.stderr.strip(), r"^.*bad\.py:7:9: the walrus operator is not allowed$")
            r = self.run_tool("interp", good)
            out = json.loads(r.stdout)
            self.assertEqual(out["status"], "ok", out)
            self.assertEqual(out["trace"][0]["v"], ["x"])
            self.assertEqual(out["trace"][0]["line"], 7)


if __name__ == "__main__":
    unittest.main()
