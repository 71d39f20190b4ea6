"""IR interpreter on real asyncio: the compiler's self-test and the model for
the C++ interpreter (spec/IR.md).

For every scenario, trace(IR interpreted here) must equal trace(source run by
oracle.py) on the same CPython. The interpreter is a tree walker: each IR
function becomes a Python coroutine function (async def) or a plain callable
(def); statements and expressions are evaluated by coroutines, so `await`
nodes suspend the enclosing task exactly where the source would, and nothing
else ever suspends. Exceptions, `try`, `async with` and `async for` use the
Python constructs themselves, so the IR's semantics are CPython's.

Usage:
    python3 -m asyncspec.ir.interp SCENARIO.py|IR.json [...]
        one JSON object per line, like oracle.py:
        {"file", "python", "status": "ok", "trace": [...]} or {"file", "python", "status": "error", "error"}

API: load_program(ir) -> callable(namespace) for oracle.run_scenario(load=...);
     run_ir(ir, filename) -> (trace, loop_errors).
"""

import builtins
import json
import operator
import os
import sys

from ..runtimes import oracle
from . import compiler, nodes


class IRError(Exception):
    """The IR document is malformed (unknown op, bad slot...)."""


_UNBOUND = object()
_BREAK = object()
_CONTINUE = object()


class _Return:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


_BINOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
           "//": operator.floordiv, "%": operator.mod}
_IOPS = {"+": operator.iadd, "-": operator.isub, "*": operator.imul, "/": operator.itruediv,
         "//": operator.ifloordiv, "%": operator.imod}
_CMPOPS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
           ">": operator.gt, ">=": operator.ge, "is": operator.is_, "is not": operator.is_not,
           "in": lambda a, b: a in b, "not in": lambda a, b: a not in b}
_BUILTINS = {"len": len, "range": range, "str": str, "isinstance": isinstance, "sorted": sorted, "type": type,
             "iter": iter, "next": next, "enumerate": enumerate, "zip": zip, "list": list, "tuple": tuple,
             "min": min, "max": max, "any": any, "all": all, "sum": sum, "dict": dict, "set": set,
             "map": map, "filter": filter, "abs": abs, "round": round}
_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple}

_TRYSTAR = {}


def _trystar_helper(n):
    """`try: body() except* T0 as eg: h0(eg) ... else: ...` with n handlers,
    so except* keeps CPython's exact split/re-raise semantics."""
    if n not in _TRYSTAR:
        src = ["async def _trystar(body, types, handlers):", "    try:", "        r = await body()"]
        for i in range(n):
            src += [f"    except* types[{i}] as eg:", f"        await handlers[{i}](eg)"]
        src += ["    else:", "        return True, r", "    return False, None"]
        ns = {}
        exec(compile("\n".join(src) + "\n", "<ir_interp except*>", "exec"), ns)
        _TRYSTAR[n] = ns["_trystar"]
    return _TRYSTAR[n]


def _const_value(e):
    v = e["value"]
    return float(v) if e["type"] == "float" else v


class _StopIterationBox(Exception):
    """A StopIteration on its way through the interpreter's own coroutines,
    which would turn it into a RuntimeError (PEP 479) where the source has
    none: `next(it)` in a `try`. Unboxed where a handler catches it; where it
    leaves an IR coroutine, the RuntimeError the source gets is made."""

    def __init__(self, exc):
        super().__init__()
        self.exc = exc


def _call(fn, args, kwargs):
    try:
        return fn(*args, **kwargs)
    except StopIteration as e:
        raise _StopIterationBox(e) from None


def _genexp(fn, items):
    """The generator of a `genexp` node: fn(item) -> (keep, element)."""
    for item in items:
        keep, element = fn(item)
        if keep:
            yield element


async def _handling(exc, run):
    """run() while `exc` is the exception being handled (its context kept)."""
    context = exc.__context__
    try:
        raise exc
    except BaseException:
        exc.__context__ = context
        return await run()


class _Cell:
    """A variable shared between a function and the functions nested in it."""
    __slots__ = ("value",)

    def __init__(self, value=_UNBOUND):
        self.value = value


class _Frame:
    __slots__ = ("slots",)

    def __init__(self, n):
        self.slots = [_UNBOUND] * n


class Program:
    def __init__(self, ir, ns):
        if ir.get("ir_version") not in nodes.IR_VERSIONS_READ:
            raise IRError(f"unsupported ir_version {ir.get('ir_version')!r}")
        self.ir = ir
        self.ns = ns
        b = ns.get("__builtins__")
        importer = b["__import__"] if isinstance(b, dict) else builtins.__import__
        self.asyncio = importer("asyncio")  # oracle's scaled shim in real mode
        self.log = ns["log"]
        self.filename = ns.get("__file__") or ir.get("file", "<ir>")
        self.module = ns.get("__name__", "scenario")
        self.functions = {f["name"]: f for f in ir["functions"]}
        self.wrappers = {}
        self.classes = {}
        for c in ir["classes"]:
            self.classes[c["name"]] = self._make_class(c)
        self.objects = {}
        for c in ir.get("objects", ()):
            self.objects[c["name"]] = self._make_object_class(c)
        self.globals = {}
        self._log_at_line = {}
        for g in ir["globals"]:
            self.globals[g["name"]] = self._const_eval(g["value"])
        self.st = {
            "assign": self.st_assign, "augassign": self.st_augassign, "expr": self.st_expr,
            "return": self.st_return, "pass": self.st_pass, "if": self.st_if, "while": self.st_while,
            "for": self.st_for, "async_for": self.st_async_for, "break": self.st_break,
            "continue": self.st_continue, "try": self.st_try, "try_star": self.st_try_star,
            "raise": self.st_raise, "async_with": self.st_async_with,
        }
        self.ex = {
            "const": self.ex_const, "local": self.ex_local, "global": self.ex_global,
            "func": self.ex_func, "class": self.ex_class, "type": self.ex_type,
            "api_ref": self.ex_api_ref, "builtin_ref": self.ex_builtin_ref, "unary": self.ex_unary,
            "binop": self.ex_binop, "compare": self.ex_compare, "boolop": self.ex_boolop,
"index": self.ex_index, "attr": self.ex_attr,
            "list": self.ex_list, "tuple": self.ex_tuple, "listcomp": self.ex_listcomp,
            "await": self.ex_await, "call_api": self.ex_call_api, "call_func": self.ex_call_func,
            "call_method": self.ex_call_method, "call_builtin": self.ex_call_builtin,
            "new_exc": self.ex_new_exc, "log": self.ex_log,
            "dict": self.ex_dict, "set": self.ex_set, "setcomp": self.ex_listcomp, "dictcomp": self.ex_listcomp,
            "genexp": self.ex_genexp, "super_call": self.ex_super_call, "user_class": self.ex_user_class, "getattr": self.ex_getattr, "ifexp": self.ex_ifexp, "slice": self.ex_slice, "method_ref": self.ex_method_ref, "deref": self.ex_deref, "closure": self.ex_closure, "call_value": self.ex_call_value,
        }

    # ----------------------------------------------------------------- setup
    def _make_class(self, c):
        name = c["name"]
        if c["origin"] == "scenario":
            bases = tuple(self.classes[b] for b in c["bases"])
            ns = {"__module__": self.module, "__qualname__": name}
            for m, fn in c.get("methods", {}).items():
                ns[m] = self.function_value(fn)
            for a in c.get("attrs", ()):
                ns[a["name"]] = self._const_eval(a["value"])
            return type(name, bases, ns)
        if c["origin"] == "asyncio":
            cls = getattr(self.asyncio, name, None)
            if cls is None:  # e.g. QueueShutDown before 3.13: a class nothing raises
                cls = type(name, tuple(self.classes[b] for b in c["bases"]), {"__module__": "asyncio"})
            return cls
        return getattr(builtins, name)

    def _make_object_class(self, c):
        """A real Python class: its methods are the IR functions' callables,
        so instances await, enter and iterate as Python does."""
        ns = {"__module__": self.module, "__qualname__": c["name"]}
        for name, fn in c["methods"].items():
            ns[name] = self.function_value(fn)
        for a in c.get("attrs", ()):
            ns[a["name"]] = self._const_eval(a["value"])
        return type(c["name"], tuple(self.objects[b] for b in c["bases"]), ns)

    def _const_eval(self, node):
        if node["op"] == "const":
            return _const_value(node)
        if node["op"] == "list":
            return [self._const_eval(e) for e in node["items"]]
        if node["op"] == "tuple":
            return tuple(self._const_eval(e) for e in node["items"])
        if node["op"] == "set":
            return {self._const_eval(e) for e in node["items"]}
        if node["op"] == "dict":
            return {self._const_eval(k): self._const_eval(v) for k, v in zip(node["keys"], node["values"])}
        raise IRError(f"bad global initialiser {node['op']!r}")

    def install(self):
        main = self.ir.get("main", "main")
        self.ns["main"] = self.function_value(main)
        for name, cls in self.classes.items():
            self.ns.setdefault(name, cls)

    def function_value(self, name):
        """The callable standing for a module-level function (stable identity,
        so remove_done_callback finds it)."""
        w = self.wrappers.get(name)
        if w is None:
            fn = self.functions.get(name)
            if fn is None:
                raise IRError(f"unknown function {name!r}")
            w = self.wrappers[name] = self.make_function(fn, (), ())
        return w

    def make_function(self, fn, captures, defaults, kwdefaults=None):
        """A Python function object for IR function `fn`: a module-level one,
        or a closure over `captures` (cells) with its `defaults` values.
        Compiled at the def's file and line and carrying its name and qualified
        name, so the loop's error messages ("Exception in callback
        main.<locals>.f() at file:line") match the source run's."""
        if fn["is_async"]:
            def impl(args, kwargs):
                return self.run_async(fn, self.bind(fn, args, kwargs, captures, defaults, kwdefaults))
        else:
            def impl(args, kwargs):
                return self.run_sync(fn, self.bind(fn, args, kwargs, captures, defaults, kwdefaults))
        ns = {"_impl": impl}
        src = "\n" * (max(fn["line"], 1) - 1) + "def _f(*args, **kwargs): return _impl(args, kwargs)\n"
        exec(compile(src, self.filename, "exec"), ns)
        w = ns["_f"]
        qualname = fn.get("qualname", fn["name"])
        w.__qualname__ = qualname
        w.__name__ = qualname.rsplit(".", 1)[-1]
        return w

    def bind(self, fn, args, kwargs, captures=(), defaults=(), kwdefaults=None):
        """Python's argument binding (IR.md "Functions and frames")."""
        params = fn["params"]
        name = fn["name"]
        fr = _Frame(fn["nlocals"])
        positional = [p for p in params if "kind" not in p]
        varargs = next((p for p in params if p.get("kind") == "varargs"), None)
        varkw = next((p for p in params if p.get("kind") == "varkw"), None)
        if len(args) > len(positional) and varargs is None:
            raise TypeError(f"{name}() takes {len(positional)} positional arguments but {len(args)} were given")
        for p, a in zip(positional, args):
            fr.slots[p["slot"]] = a
        if varargs is not None:
            fr.slots[varargs["slot"]] = tuple(args[len(positional):])
        extra = {}
        by_name = {p["name"]: p for p in params if p.get("kind") in (None, "kwonly")}
        for k, v in kwargs.items():
            p = by_name.get(k)
            if p is None:
                if varkw is None:
                    raise TypeError(f"{name}() got an unexpected keyword argument {k!r}")
                extra[k] = v
                continue
            if fr.slots[p["slot"]] is not _UNBOUND:
                raise TypeError(f"{name}() got multiple values for argument {k!r}")
            fr.slots[p["slot"]] = v
        if varkw is not None:
            fr.slots[varkw["slot"]] = extra
        first_default = len(positional) - len(defaults)
        for i, p in enumerate(positional):
            if fr.slots[p["slot"]] is _UNBOUND:
                if i >= first_default:
                    fr.slots[p["slot"]] = defaults[i - first_default]
                elif "default" in p:
                    fr.slots[p["slot"]] = _const_value(p["default"])
                else:
                    raise TypeError(f"{name}() missing required argument {p['name']!r}")
        for p in params:
            if p.get("kind") == "kwonly" and fr.slots[p["slot"]] is _UNBOUND:
                if kwdefaults and p["name"] in kwdefaults:
                    fr.slots[p["slot"]] = kwdefaults[p["name"]]
                elif "default" in p:
                    fr.slots[p["slot"]] = _const_value(p["default"])
                else:
                    raise TypeError(f"{name}() missing required keyword-only argument {p['name']!r}")
        for slot in fn.get("cells", ()):
            fr.slots[slot] = _Cell(fr.slots[slot])
        for slot, cell in zip(fn.get("freevars", ()), captures):
            fr.slots[slot] = cell
        return fr

    async def run_async(self, fn, fr):
        try:
            sig = await self.block(fn["body"], fr)
        except _StopIterationBox as box:
            if not fn["is_async"]:
                raise  # a def raises StopIteration itself
            stop = box.exc
        else:
            return sig.value if isinstance(sig, _Return) else None
        context = stop.__context__
        try:
            raise stop
        except StopIteration:
            stop.__context__ = context
            raise RuntimeError("coroutine raised StopIteration") from stop

    def run_sync(self, fn, fr):
        coro = self.run_async(fn, fr)
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value
        coro.close()
        raise IRError(f"def {fn['name']} suspended (await in a sync function)")

    # ------------------------------------------------------------ statements
    async def block(self, stmts, fr):
        for s in stmts:
            sig = await self.st[s["op"]](s, fr)
            if sig is not None:
                return sig
        return None

    async def store(self, t, value, fr):
        op = t["op"]
        if op == "local":
            fr.slots[t["slot"]] = value
        elif op == "deref":
            fr.slots[t["slot"]].value = value
        elif op == "setattr":
            setattr(await self.ev(t["obj"], fr), t["name"], value)
        elif op == "global":
            self.globals[t["name"]] = value
        elif op == "index":
            obj = await self.ev(t["obj"], fr)
            idx = await self.ev(t["index"], fr)
            obj[idx] = value
        elif op == "unpack":
            targets = t["targets"]
            values = list(value)  # TypeError if not iterable
            if len(values) != len(targets):
                raise ValueError(f"expected {len(targets)} values to unpack, got {len(values)}")
            for sub, v in zip(targets, values):
                await self.store(sub, v, fr)
        else:
            raise IRError(f"bad target {op!r}")

    def unbind(self, t, fr):
        if t["op"] == "local":
            fr.slots[t["slot"]] = _UNBOUND
        elif t["op"] == "deref":
            fr.slots[t["slot"]].value = _UNBOUND
        elif t["op"] == "global":
            self.globals.pop(t["name"], None)

    async def st_assign(self, s, fr):
        value = await self.ev(s["value"], fr)
        await self.store(s["target"], value, fr)

    async def st_augassign(self, s, fr):
        t = s["target"]
        iop = _IOPS[s["operator"]]
        if t["op"] == "index":
            obj = await self.ev(t["obj"], fr)
            idx = await self.ev(t["index"], fr)
            cur = obj[idx]
            obj[idx] = iop(cur, await self.ev(s["value"], fr))
        elif t["op"] == "setattr":
            obj = await self.ev(t["obj"], fr)
            cur = getattr(obj, t["name"])
            setattr(obj, t["name"], iop(cur, await self.ev(s["value"], fr)))
        else:
            cur = await self.ev(t, fr)  # loaded before the value is evaluated
            await self.store(t, iop(cur, await self.ev(s["value"], fr)), fr)

    async def st_expr(self, s, fr):
        await self.ev(s["value"], fr)

    async def st_return(self, s, fr):
        return _Return(await self.ev(s["value"], fr) if "value" in s else None)

    async def st_pass(self, s, fr):
        return None

    async def st_if(self, s, fr):
        if await self.ev(s["test"], fr):
            return await self.block(s["body"], fr)
        return await self.block(s["orelse"], fr)

    async def st_while(self, s, fr):
        while await self.ev(s["test"], fr):
            sig = await self.block(s["body"], fr)
            if sig is _BREAK:
                break
            if sig is _CONTINUE or sig is None:
                continue
            return sig
        return None

    async def st_for(self, s, fr):
        for v in await self.ev(s["iter"], fr):
            await self.store(s["target"], v, fr)
            sig = await self.block(s["body"], fr)
            if sig is _BREAK:
                break
            if sig is _CONTINUE or sig is None:
                continue
            return sig
        return None

    async def st_async_for(self, s, fr):
        async for v in await self.ev(s["iter"], fr):
            await self.store(s["target"], v, fr)
            sig = await self.block(s["body"], fr)
            if sig is _BREAK:
                break
            if sig is _CONTINUE or sig is None:
                continue
            return sig
        return None

    async def st_break(self, s, fr):
        return _BREAK

    async def st_continue(self, s, fr):
        return _CONTINUE

    def _types(self, names):
        return tuple(self.classes[n] for n in names)

    async def st_try(self, s, fr):
        try:
            sig = await self.block(s["body"], fr)
        except BaseException as caught:
            exc = caught.exc if isinstance(caught, _StopIterationBox) else caught
            for h in s["handlers"]:
                if h["types"] is None or isinstance(exc, self._types(h["types"])):
                    target = h.get("target")
                    if target is not None:
                        await self.store(target, exc, fr)
                    try:
                        if exc is caught:
                            sig = await self.block(h["body"], fr)
                        else:
                            sig = await _handling(exc, lambda h=h: self.block(h["body"], fr))
                    finally:
                        if target is not None:
                            self.unbind(target, fr)
                    break
            else:
                raise
        else:
            if sig is None:
                sig = await self.block(s["orelse"], fr)
        finally:
            if s["finalbody"]:
                fsig = await self.block(s["finalbody"], fr)
                if fsig is not None:
                    return fsig  # like `return`/`break` in finally: drops the exception
        return sig

    async def st_try_star(self, s, fr):
        def handler_fn(h):
            async def run(eg):
                target = h.get("target")
                if target is not None:
                    await self.store(target, eg, fr)
                try:
                    await self.block(h["body"], fr)
                finally:
                    if target is not None:
                        self.unbind(target, fr)
            return run

        async def body():
            return await self.block(s["body"], fr)

        handlers = s["handlers"]
        helper = _trystar_helper(len(handlers))
        try:
            completed, sig = await helper(body, [self._types(h["types"]) for h in handlers],
                                          [handler_fn(h) for h in handlers])
            if completed and sig is None:
                sig = await self.block(s["orelse"], fr)
        finally:
            if s["finalbody"]:
                fsig = await self.block(s["finalbody"], fr)
                if fsig is not None:
                    return fsig
        return sig

    async def st_raise(self, s, fr):
        if "exc" not in s:
            if isinstance(sys.exception(), StopIteration):
                raise _StopIterationBox(sys.exception())
            raise  # re-raise the exception being handled (RuntimeError if none)
        exc = await self.ev(s["exc"], fr)
        if isinstance(exc, type) and issubclass(exc, StopIteration) or isinstance(exc, StopIteration):
            stop = exc() if isinstance(exc, type) else exc
            if "cause" in s:
                stop.__cause__ = await self.ev(s["cause"], fr)
            handled = sys.exception()
            if handled is not None and handled is not stop:
                stop.__context__ = handled
            raise _StopIterationBox(stop)
        if "cause" in s:
            cause = await self.ev(s["cause"], fr)
            raise exc from cause
        raise exc

    async def st_async_with(self, s, fr):
        cm = await self.ev(s["ctx"], fr)
        async with cm as v:
            if "target" in s:
                await self.store(s["target"], v, fr)
            return await self.block(s["body"], fr)

    # ----------------------------------------------------------- expressions
    def ev(self, e, fr):
        return self.ex[e["op"]](e, fr)

    async def ex_const(self, e, fr):
        return _const_value(e)

    async def ex_local(self, e, fr):
        v = fr.slots[e["slot"]]
        if v is _UNBOUND:
            raise UnboundLocalError(f"local variable {e['name']!r} referenced before assignment")
        return v

    async def ex_method_ref(self, e, fr):
        return getattr(await self.ev(e["obj"], fr), e["method"])

    async def ex_slice(self, e, fr):
        obj = await self.ev(e["obj"], fr)
        bounds = [await self.ev(e[k], fr) if k in e else None for k in ("lower", "upper", "step")]
        return obj[slice(*bounds)]

    async def ex_user_class(self, e, fr):
        return self.objects[e["name"]]

    async def ex_getattr(self, e, fr):
        return getattr(await self.ev(e["obj"], fr), e["name"])

    async def ex_super_call(self, e, fr):
        cls = self.classes.get(e["class"]) or self.objects[e["class"]]
        obj = await self.ev(e["self"], fr)
        args, kwargs = await self.args(e, fr)
        return _call(getattr(super(cls, obj), e["method"]), args, kwargs)

    async def ex_genexp(self, e, fr):
        items = iter(await self.ev(e["iter"], fr))  # TypeError now, as Python's
        fn = await self.ev(e["function"], fr)
        return _genexp(fn, items)

    async def ex_ifexp(self, e, fr):
        return await self.ev(e["body"] if await self.ev(e["test"], fr) else e["orelse"], fr)

    async def ex_deref(self, e, fr):
        v = fr.slots[e["slot"]].value
        if v is _UNBOUND:
            if e.get("free"):
                raise NameError(f"cannot access free variable {e['name']!r}")
            raise UnboundLocalError(f"cannot access local variable {e['name']!r}")
        return v

    async def ex_closure(self, e, fr):
        defaults = tuple([await self.ev(d, fr) for d in e.get("defaults", ())])
        captures = tuple(fr.slots[s] for s in e["captures"]) + tuple(_Cell() for _ in range(e.get("fresh", 0)))
        kwdefaults = {k["name"]: await self.ev(k["value"], fr) for k in e.get("kwdefaults", ())}
        return self.make_function(self.functions[e["name"]], captures, defaults, kwdefaults)

    async def ex_call_value(self, e, fr):
        fn = await self.ev(e["callee"], fr)
        args, kwargs = await self.args(e, fr)
        return _call(fn, args, kwargs)

    async def ex_global(self, e, fr):
        try:
            return self.globals[e["name"]]
        except KeyError:
            raise NameError(f"name {e['name']!r} is not defined") from None

    async def ex_func(self, e, fr):
        return self.function_value(e["name"])

    async def ex_class(self, e, fr):
        return self.classes[e["name"]]

    async def ex_type(self, e, fr):
        return _TYPES[e["name"]]

    async def ex_api_ref(self, e, fr):
        return getattr(self.asyncio, e["api"].split(".", 1)[1])

    async def ex_builtin_ref(self, e, fr):
        return self.log if e["name"] == "log" else _BUILTINS[e["name"]]

    async def ex_unary(self, e, fr):
        v = await self.ev(e["operand"], fr)
        op = e["operator"]
        return (not v) if op == "not" else (-v) if op == "-" else (+v)

    async def ex_binop(self, e, fr):
        left = await self.ev(e["left"], fr)
        right = await self.ev(e["right"], fr)
        return _BINOPS[e["operator"]](left, right)

    async def ex_compare(self, e, fr):
        left = await self.ev(e["left"], fr)
        for op, comp in zip(e["ops"], e["comparators"]):
            right = await self.ev(comp, fr)
            r = _CMPOPS[op](left, right)
            if not r:
                return r
            left = right
        return r

    async def ex_boolop(self, e, fr):
        is_and = e["operator"] == "and"
        for v in e["values"]:
            r = await self.ev(v, fr)
            if (not r) if is_and else r:
                return r
        return r

    async def ex_index(self, e, fr):
        obj = await self.ev(e["obj"], fr)
        return obj[await self.ev(e["index"], fr)]

    async def ex_attr(self, e, fr):
        return getattr(await self.ev(e["obj"], fr), e["name"])

    async def ex_list(self, e, fr):
        return [await self.ev(x, fr) for x in e["items"]]

    async def ex_tuple(self, e, fr):
        return tuple([await self.ev(x, fr) for x in e["items"]])

    async def ex_listcomp(self, e, fr):
        """listcomp, setcomp, dictcomp (a dict's key before its value)."""
        op = e["op"]
        out = {} if op == "dictcomp" else set() if op == "setcomp" else []
        for v in await self.ev(e["iter"], fr):
            await self.store(e["target"], v, fr)
            if "cond" in e and not await self.ev(e["cond"], fr):
                continue
            if op == "dictcomp":
                key = await self.ev(e["key"], fr)
                out[key] = await self.ev(e["value"], fr)
            elif op == "setcomp":
                out.add(await self.ev(e["element"], fr))
            else:
                out.append(await self.ev(e["element"], fr))
        return out

    async def ex_dict(self, e, fr):
        out = {}
        for k, v in zip(e["keys"], e["values"]):
            key = await self.ev(k, fr)
            out[key] = await self.ev(v, fr)
        return out

    async def ex_set(self, e, fr):
        return {await self.ev(x, fr) for x in e["items"]}

    async def ex_await(self, e, fr):
        return await (await self.ev(e["value"], fr))

    async def args(self, e, fr):
        args = []
        for a in e["args"]:
            if a["op"] == "starred":
                args.extend(await self.ev(a["value"], fr))
            else:
                args.append(await self.ev(a, fr))
        kwargs = {}
        for k in e.get("kwargs", ()):
            if k.get("op") == "starstar":
                d = await self.ev(k["value"], fr)
                for key in d:
                    if key in kwargs:
                        raise TypeError(f"got multiple values for keyword argument {key!r}")
                    kwargs[key] = d[key]
            else:
                if k["name"] in kwargs:
                    raise TypeError(f"got multiple values for keyword argument {k['name']!r}")
                kwargs[k["name"]] = await self.ev(k["value"], fr)
        return args, kwargs

    async def ex_call_api(self, e, fr):
        fn = getattr(self.asyncio, e["api"].split(".", 1)[1])
        args, kwargs = await self.args(e, fr)
        return _call(fn, args, kwargs)

    async def ex_call_func(self, e, fr):
        fn = self.function_value(e["name"])
        args, kwargs = await self.args(e, fr)
        return _call(fn, args, kwargs)

    async def ex_call_method(self, e, fr):
        obj = await self.ev(e["obj"], fr)
        method = getattr(obj, e["method"])
        args, kwargs = await self.args(e, fr)
        return _call(method, args, kwargs)

    async def ex_call_builtin(self, e, fr):
        args, kwargs = await self.args(e, fr)
        return _call(_BUILTINS[e["name"]], args, kwargs)

    async def ex_new_exc(self, e, fr):
        args, _ = await self.args(e, fr)
        return self.classes[e["class"]](*args)

    async def ex_log(self, e, fr):
        args, _ = await self.args(e, fr)
        self._log_at(e["line"])(self.log, *args)
        return None

    def _log_at(self, line):
        """A trampoline whose frame has the scenario's file name and the log
        call's line, so oracle's log() records the same "line" as for the source."""
        f = self._log_at_line.get(line)
        if f is None:
            ns = {}
            src = "\n" * (max(line, 1) - 1) + "def _log(log, *values): log(*values)\n"
            exec(compile(src, self.filename, "exec"), ns)
            f = self._log_at_line[line] = ns["_log"]
        return f


def load_program(ir):
    """A `load` callable for oracle.run_scenario: installs main from the IR."""
    def load(ns):
        Program(ir, ns).install()
    return load


def run_ir(ir, filename=None, **kw):
    filename = filename or ir.get("file", "<ir>")
    return oracle.run_scenario(None, filename, load=load_program(ir), **kw)


def run_path(path):
    """The oracle's response (oracle.respond) for a scenario or IR file."""
    def run(info):
        if path.endswith(".json"):
            with open(path, encoding="utf-8") as f:
                ir = json.load(f)
        else:
            ir = compiler.compile_file(path)
        # the log trampolines must carry the scenario's file name
        return run_ir(ir, ir.get("file", path), info=info)

    return oracle.respond(path, run)


def main(argv):
    for path in argv:
        print(json.dumps(run_path(path), sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
