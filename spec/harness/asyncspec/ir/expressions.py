"""The compiler's expressions and assignment targets (a mixin of
compiler._Compiler, which has the module, functions and statements): the
expression forms of spec/LANGUAGE.md -> the IR's expression nodes (nodes.py)."""

import ast

from .vocabulary import (API_KWARGS, ASYNCIO_API, ASYNCIO_CLASS_NAMES, ATTRIBUTES, BINOPS, BUILTIN_CLASS_NAMES, BUILTIN_FUNCS,
                         BUILTIN_KWARGS,
                         CMPOPS, METHODS, TYPE_NAMES, UNARYOPS)


class ExpressionCompiler:
    """Needs from its host: err(node, reason), self.scope and the module's names."""

    # -- targets
    def _name_target(self, node, name):
        if name in self.scope.global_names:
            return {"op": "global", "name": name}
        slot = self.scope.lookup(name)
        if slot is None:
            self.err(node, f"internal: no slot for {name!r}")
        return self._slot_ref(name, slot)

    def _slot_ref(self, name, slot):
        """A frame slot: the value itself, or a cell shared with nested functions."""
        if not any(name in f for f in self.scope.shadow):
            if name in self.scope.freevars:
                return {"op": "deref", "slot": slot, "name": name, "free": True}
            if name in self.scope.cells:
                return {"op": "deref", "slot": slot, "name": name}
        return {"op": "local", "slot": slot, "name": name}

    def _target(self, node):
        if isinstance(node, ast.Name):
            if node.id in ("log", "asyncio") or node.id in BUILTIN_FUNCS:
                self.err(node, f"cannot assign to {node.id!r}")
            return self._name_target(node, node.id)
        if isinstance(node, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                self.err(node, "starred assignment targets are not allowed")
            return {"op": "unpack", "targets": [self._target(e) for e in node.elts]}
        if isinstance(node, ast.Subscript):
            if isinstance(node.slice, ast.Slice):
                self.err(node, "assignment to a slice is not allowed")
            return {"op": "index", "obj": self._expr(node.value), "index": self._expr(node.slice)}
        if isinstance(node, ast.Attribute):
            return {"op": "setattr", "obj": self._expr(node.value), "name": node.attr}
        self.err(node, f"cannot assign to {self._describe(node)}")

    # -- expressions
    def _expr(self, node):
        if isinstance(node, ast.Constant):
            return self._const(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.UnaryOp):
            if type(node.op) not in UNARYOPS:
                self.err(node, f"unary operator {type(node.op).__name__} is not allowed")
            if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                    and type(node.operand.value) in (int, float):
                return self._const(node.operand, negate=True)
            return {"op": "unary", "operator": UNARYOPS[type(node.op)], "operand": self._expr(node.operand)}
        if isinstance(node, ast.BinOp):
            if type(node.op) not in BINOPS:
                self.err(node, f"binary operator {type(node.op).__name__} is not allowed")
            return {"op": "binop", "operator": BINOPS[type(node.op)], "left": self._expr(node.left),
                    "right": self._expr(node.right)}
        if isinstance(node, ast.Compare):
            return {"op": "compare", "left": self._expr(node.left),
                    "ops": [CMPOPS[type(o)] for o in node.ops],
                    "comparators": [self._expr(c) for c in node.comparators]}
        if isinstance(node, ast.BoolOp):
            return {"op": "boolop", "operator": "and" if isinstance(node.op, ast.And) else "or",
                    "values": [self._expr(v) for v in node.values]}
        if isinstance(node, ast.Subscript):
            if isinstance(node.slice, ast.Slice):
                out = {"op": "slice", "obj": self._expr(node.value)}
                for key in ("lower", "upper", "step"):
                    part = getattr(node.slice, key)
                    if part is not None:
                        out[key] = self._expr(part)
                return out
            return {"op": "index", "obj": self._expr(node.value), "index": self._expr(node.slice)}
        if isinstance(node, ast.Attribute):
            return self._attribute(node)
        if isinstance(node, ast.List):
            return {"op": "list", "items": self._items(node.elts)}
        if isinstance(node, ast.Tuple):
            return {"op": "tuple", "items": self._items(node.elts)}
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
            return self._listcomp(node)
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                self.err(node, "`**` in a dict display is not allowed")
            return {"op": "dict", "keys": [self._expr(k) for k in node.keys],
                    "values": [self._expr(v) for v in node.values]}
        if isinstance(node, ast.Set):
            return {"op": "set", "items": self._items(node.elts)}
        if isinstance(node, ast.Await):
            if not self.scope.is_async:
                self.err(node, "await outside an async function")
            return {"op": "await", "value": self._expr(node.value), "line": node.lineno}
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Lambda):
            return self._closure(node)
        if isinstance(node, ast.GeneratorExp):
            return self._genexp(node)
        if isinstance(node, ast.IfExp):
            return {"op": "ifexp", "test": self._expr(node.test), "body": self._expr(node.body),
                    "orelse": self._expr(node.orelse)}
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node)
        self.err(node, f"{self._describe(node)} is not allowed")

    def _fstring(self, node):
        """f"a{x}b" is "a" + str(x) + "b": values render with str(); conversions
        and format specs are outside the language (reprs and number formats
        are not asyncio semantics)."""
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(self._const(v))
                continue
            if v.conversion not in (-1, ord("s")):
                self.err(v, f"the f-string conversion !{chr(v.conversion)} is not allowed (only {{x}}: str(x))")
            if v.format_spec is not None:
                self.err(v, "an f-string format spec is not allowed (only {x}: str(x))")
            parts.append({"op": "call_builtin", "name": "str", "args": [self._expr(v.value)], "kwargs": [],
                          "line": node.lineno})
        if not parts:
            return {"op": "const", "type": "str", "value": ""}
        out = parts[0]
        for p in parts[1:]:
            out = {"op": "binop", "operator": "+", "left": out, "right": p}
        return out

    def _items(self, elts):
        for e in elts:
            if isinstance(e, ast.Starred):
                self.err(e, "starred items in a display are not allowed")
        return [self._expr(e) for e in elts]

    def _listcomp(self, node):
        """List, set and dict comprehensions (one `for`, at most one `if`)."""
        if len(node.generators) != 1:
            self.err(node, "a list comprehension has exactly one `for`")
        g = node.generators[0]
        if g.is_async:
            self.err(node, "async comprehensions are not allowed")
        if len(g.ifs) > 1:
            self.err(node, "a list comprehension has at most one `if`")
        it = self._expr(g.iter)
        names = []

        def collect(t):
            if isinstance(t, ast.Name):
                names.append(t.id)
            elif isinstance(t, (ast.Tuple, ast.List)):
                for e in t.elts:
                    collect(e)
            else:
                self.err(t, "a comprehension variable must be a name or a tuple of names")

        collect(g.target)
        frame = {n: self.scope.new_slot(n) for n in names}
        self.scope.shadow.append(frame)
        try:
            target = self._comp_target(g.target)
            cond = self._expr(g.ifs[0]) if g.ifs else None
            if isinstance(node, ast.DictComp):
                parts = {"key": self._expr(node.key), "value": self._expr(node.value)}
            else:
                parts = {"element": self._expr(node.elt)}
        finally:
            self.scope.shadow.pop()
        op = {ast.ListComp: "listcomp", ast.SetComp: "setcomp", ast.DictComp: "dictcomp"}[type(node)]
        out = {"op": op, "target": target, "iter": it, **parts}
        if cond is not None:
            out["cond"] = cond
        return out

    def _comp_target(self, t):
        if isinstance(t, ast.Name):
            return {"op": "local", "slot": self.scope.lookup(t.id), "name": t.id}
        return {"op": "unpack", "targets": [self._comp_target(e) for e in t.elts]}

    def _known_name(self, n):
        return (self.scope.lookup(n) is not None or n in self.scope.global_names or n in self.globals
                or n in self.functions or n in self.classes or n in self.objects or n in BUILTIN_CLASS_NAMES
                or n in BUILTIN_FUNCS or n in TYPE_NAMES or n in ("log", "asyncio"))

    def _name(self, node):
        n = node.id
        slot = self.scope.lookup(n)
        if slot is not None and (self.scope.shadow and any(n in f for f in self.scope.shadow)):
            return {"op": "local", "slot": slot, "name": n}
        if n in self.scope.global_names:
            return {"op": "global", "name": n}
        if slot is not None:
            return self._slot_ref(n, slot)
        if n in self.globals:
            return {"op": "global", "name": n}
        if n in self.functions:
            return {"op": "func", "name": n}
        if n in self.classes:
            return {"op": "class", "name": n}
        if n in self.objects:
            return {"op": "user_class", "name": n}
        if n in BUILTIN_CLASS_NAMES:
            return {"op": "class", "name": self._class_ref(node, "name")}
        if n == "log":
            return {"op": "builtin_ref", "name": "log"}
        if n in TYPE_NAMES:
            return {"op": "type", "name": n}
        if n == "asyncio":
            self.err(node, "`asyncio` is only usable as `asyncio.NAME`")
        if n in BUILTIN_FUNCS:  # a builtin as a value (sorted(xs, key=len))
            return {"op": "builtin_ref", "name": n}
        self.err(node, f"unknown name {n!r}")

    def _attribute(self, node):
        v = node.value
        if isinstance(v, ast.Name) and v.id == "asyncio" and self.scope.lookup("asyncio") is None:
            if node.attr in ASYNCIO_CLASS_NAMES:
                return {"op": "class", "name": node.attr}
            if node.attr in ASYNCIO_API:
                return {"op": "api_ref", "api": "asyncio." + node.attr}
            if node.attr == "run":
                self.err(node, "asyncio.run is not allowed: the harness runs main()")
            self.err(node, f"unknown asyncio API asyncio.{node.attr}")
        if node.attr in ATTRIBUTES:
            return {"op": "attr", "obj": self._expr(v), "name": node.attr}
        if node.attr in METHODS:
            # a bound method as a value (a callback: loop.call_later(1, t.cancel, "msg"))
            return {"op": "method_ref", "obj": self._expr(v), "method": node.attr}
        if node.attr in self.user_attrs:
            return {"op": "getattr", "obj": self._expr(v), "name": node.attr}
        self.err(node, f"attribute {node.attr!r} is not allowed (not an API attribute, and no scenario class "
                       "defines it)")

    def _args(self, node):
        args = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                args.append({"op": "starred", "value": self._expr(a.value)})
            else:
                args.append(self._expr(a))
        kwargs = []
        for k in node.keywords:
            if k.arg is None:  # f(**d): the dict's items as keyword arguments
                kwargs.append({"op": "starstar", "value": self._expr(k.value)})
            else:
                kwargs.append({"name": k.arg, "value": self._expr(k.value)})
        return args, kwargs

    def _call(self, node):
        f = node.func
        line = node.lineno
        if isinstance(f, ast.Name):
            n = f.id
            slot = self.scope.lookup(n)
            if slot is not None or n in self.scope.global_names or n in self.globals:
                args, kwargs = self._args(node)
                return {"op": "call_value", "callee": self._name(f), "args": args, "kwargs": kwargs, "line": line}
            if n == "log":
                if node.keywords:
                    self.err(node, "log() takes no keyword arguments")
                args, _ = self._args(node)
                return {"op": "log", "args": args, "line": line}
            if n in self.functions:
                args, kwargs = self._args(node)
                return {"op": "call_func", "name": n, "args": args, "kwargs": kwargs, "line": line}
            if n in BUILTIN_FUNCS:
                args, kwargs = self._args(node)
                allowed = BUILTIN_KWARGS.get(n, set())
                for k in kwargs:
                    if allowed is not None and k["name"] not in allowed:
                        self.err(node, f"{n}() does not take the keyword {k['name']!r}")
                return {"op": "call_builtin", "name": n, "args": args, "kwargs": kwargs, "line": line}
            if n in self.classes or n in BUILTIN_CLASS_NAMES:
                cls = self._class_ref(f, "name")
                return self._new_exc(node, cls)
            if n in self.objects:
                args, kwargs = self._args(node)
                return {"op": "call_value", "callee": {"op": "user_class", "name": n}, "args": args, "kwargs": kwargs,
                        "line": line}
            if n in TYPE_NAMES:
                self.err(node, f"calling {n}() is not allowed")
            self.err(node, f"unknown function {n!r}")
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Call) and isinstance(f.value.func, ast.Name) \
                and f.value.func.id == "super" and self.scope.lookup("super") is None:
            return self._super_call(node, f)
        if isinstance(f, ast.Attribute):
            v = f.value
            if isinstance(v, ast.Name) and v.id == "asyncio" and self.scope.lookup("asyncio") is None:
                if f.attr in ASYNCIO_CLASS_NAMES:
                    return self._new_exc(node, f.attr)
                if f.attr == "run":
                    self.err(node, "asyncio.run is not allowed: the harness runs main()")
                if f.attr not in ASYNCIO_API or f.attr.isupper():
                    self.err(node, f"unknown asyncio API asyncio.{f.attr}")
                if f.attr == "capture_call_graph" and not any(
                        k.arg == "limit" and isinstance(k.value, ast.Constant) and k.value.value == 0
                        for k in node.keywords):
                    self.err(node, "capture_call_graph needs limit=0 (call stacks are frames, "
                                   "outside the language; the awaited-by structure is kept)")
                args, kwargs = self._args(node)
                allowed = API_KWARGS.get(f.attr)
                for k in kwargs:
                    if allowed is not None and "name" in k and k["name"] not in allowed:
                        why = " (outside the language)" if k["name"] in ("loop", "context") else ""
                        self.err(node, f"asyncio.{f.attr}() does not take the keyword {k['name']!r}{why}")
                return {"op": "call_api", "api": "asyncio." + f.attr, "args": args, "kwargs": kwargs, "line": line}
            if isinstance(v, ast.Name) and not self._known_name(v.id):
                self.err(v, f"unknown name {v.id!r}")
            if f.attr not in METHODS:
                if f.attr in self.user_attrs:  # a scenario class's method (or a callable attribute)
                    args, kwargs = self._args(node)
                    return {"op": "call_value", "callee": {"op": "getattr", "obj": self._expr(v), "name": f.attr},
                            "args": args, "kwargs": kwargs, "line": line}
                self.err(node, f"unknown method {f.attr!r}")
            obj = self._expr(v)
            args, kwargs = self._args(node)
            return {"op": "call_method", "obj": obj, "method": f.attr, "args": args, "kwargs": kwargs, "line": line}
        args, kwargs = self._args(node)
        return {"op": "call_value", "callee": self._expr(f), "args": args, "kwargs": kwargs, "line": line}

    def _defines_init(self, cls):
        while cls in self.exception_bodies:
            node = self.exception_bodies[cls]
            if any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in node.body):
                return True
            cls = self.classes[cls][0][0]
        return False

    def _super_call(self, node, f):
        """super().NAME(args) directly in a method: NAME looked up from the
        class's base (IR.md "super_call")."""
        if f.value.args or f.value.keywords:
            self.err(f.value, "super() takes no arguments here")
        info = self.scope.info
        owner = self.methods.get(id(info.node)) if info is not None else None
        if owner is None:
            self.err(f.value, "super() is only allowed directly in a method")
        params = info.node.args.args
        args, kwargs = self._args(node)
        return {"op": "super_call", "class": owner[0], "method": f.attr,
                "self": self._name(ast.Name(params[0].arg, ast.Load())), "args": args, "kwargs": kwargs,
                "line": node.lineno}

    def _new_exc(self, node, cls):
        if node.keywords and self._defines_init(cls):  # keywords go to the class's __init__
            args, kwargs = self._args(node)
            return {"op": "call_value", "callee": {"op": "class", "name": cls}, "args": args, "kwargs": kwargs,
                    "line": node.lineno}
        if node.keywords:
            self.err(node, "exception constructors take no keyword arguments")
        args, _ = self._args(node)
        return {"op": "new_exc", "class": cls, "args": args, "line": node.lineno}
