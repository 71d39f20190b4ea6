"""Compiler: scenario source (restricted-subset Python, spec/LANGUAGE.md) -> IR (spec/IR.md).

Usage:
    python3 -m asyncspec.ir.compiler FILE...          print each file's IR as one JSON document per line
    python3 -m asyncspec.ir.compiler FILE... --check  only check; print errors as `file:line: reason`
    python3 -m asyncspec.ir.compiler --schema         print the IR's JSON Schema (spec/schema/ir.schema.json)
    (with spec/harness on sys.path)

API: compile_file(path) -> dict, compile_source(source, filename) -> dict.
Both raise CompileError, whose str is `file:line:col: reason`.

Stdlib only (Python >= 3.11: tomllib).
"""

import ast
import json
import symtable
import sys

from . import header, scopes
from .expressions import ExpressionCompiler
from .nodes import IR_VERSION  # noqa: F401 (compiler.IR_VERSION: what it emits)
from .vocabulary import (_FEATURES, ASYNCIO_API, ASYNCIO_CLASS_NAMES, BINOPS, BUILTIN_CLASS_NAMES, BUILTIN_CLASSES, BUILTIN_FUNCS, INT_MAX,
                         INT_MIN, TYPE_NAMES)


class CompileError(Exception):
    def __init__(self, filename, line, reason, col=None):
        self.filename = filename
        self.line = line
        self.col = col
        self.reason = reason
        where = f"{filename}:{line}" + (f":{col}" if col is not None else "")
        super().__init__(f"{where}: {reason}")


# ---------------------------------------------------------------------------
# The compiler proper

class _Scope:
    """Local-variable slots of one function."""

    def __init__(self, fn_name, local_names, global_names, is_async, info=None):
        self.fn_name = fn_name
        self.is_async = is_async
        self.global_names = global_names
        self.info = info        # scopes.FunctionScope: cells and free variables
        self.cells = set(info.cells) if info else set()
        self.freevars = set(info.freevars) if info else set()
        self.slots = {}         # name -> slot (function-level locals)
        self.slot_names = []    # slot -> name
        self.shadow = []        # stack of {name: slot} for comprehension variables
        for n in local_names:
            self.new_slot(n)

    def new_slot(self, name):
        self.slot_names.append(name)
        return len(self.slot_names) - 1

    def declare(self, name):
        if name not in self.slots:
            self.slots[name] = self.new_slot(name)
        return self.slots[name]

    def lookup(self, name):
        for frame in reversed(self.shadow):
            if name in frame:
                return frame[name]
        return self.slots.get(name)


class _Compiler(ExpressionCompiler):
    def __init__(self, source, filename):
        self.source = source
        self.filename = filename
        self.functions = {}     # name -> ast node (module level)
        self.scopes = {}        # id(function node) -> scopes.FunctionScope
        self.compiled = []      # IR functions, nested ones included
        self.keys = set()       # their IR names (unique)
        self.classes = {}       # scenario exception class name -> bases
        self.objects = {}       # scenario (non-exception) class name -> ast node
        self.exception_bodies = {}  # scenario exception class name -> ast node
        self.methods = {}       # id(method node) -> (class name, method name)
        self.user_attrs = set() # attribute names scenario classes define (methods, self.X, class constants)
        self.globals = {}       # name -> line
        self.scope = None
        self.loop_depth = 0
        self.in_except_star = False
        self.in_finally = 0

    # -- errors
    def err(self, node, reason):
        line = getattr(node, "lineno", 0)
        col = getattr(node, "col_offset", None)
        raise CompileError(self.filename, line, reason, None if col is None else col + 1)

    # -- module
    def compile(self):
        try:
            tree = ast.parse(self.source, self.filename)
        except SyntaxError as e:
            raise CompileError(self.filename, e.lineno or 0, f"syntax error: {e.msg}", e.offset)
        try:
            meta = header.parse(tree, self.filename, known_features=_FEATURES).meta()
        except header.HeaderError as e:
            raise CompileError(self.filename, e.line, e.reason) from None
        body = self._resolve_from_imports(list(tree.body)[1:])

        global_inits = []
        # First pass: collect module-level names.
        for node in body:
            if isinstance(node, ast.Import):
                if len(node.names) != 1 or node.names[0].name != "asyncio" or node.names[0].asname:
                    self.err(node, "only `import asyncio` is allowed")
            elif isinstance(node, ast.ImportFrom):
                self.err(node, "only `import asyncio` and `from asyncio import NAME, ...` are allowed")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._check_new_name(node, node.name)
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self._class(node)
            elif isinstance(node, ast.Assign):
                if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
                    self.err(node, "module-level assignment must be `NAME = constant`")
                name = node.targets[0].id
                if name in self.globals:
                    self.err(node, f"global {name!r} assigned twice at module level")
                self._check_new_name(node, name)
                self.globals[name] = node.lineno
                global_inits.append({"name": name, "value": self._const_expr(node.value), "line": node.lineno})
            elif isinstance(node, ast.If) and self._is_main_guard(node):
                self.err(node, "`if __name__ == ...` / asyncio.run is not allowed: the harness runs main()")
            else:
                self.err(node, f"{self._describe(node)} is not allowed at module level")
        if "main" not in self.functions or not isinstance(self.functions["main"], ast.AsyncFunctionDef):
            raise CompileError(self.filename, 1, "the scenario must define `async def main()`")
        main = self.functions["main"]
        a = main.args
        if a.args or a.posonlyargs or a.kwonlyargs or a.vararg or a.kwarg:
            self.err(main, "main() takes no parameters")

        method_nodes = [m for cls in list(self.objects.values()) + list(self.exception_bodies.values())
                        for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        try:
            self.scopes = scopes.analyse(list(self.functions.values()) + method_nodes,
                                         {id(m): ".".join(self.methods[id(m)]) for m in method_nodes})
        except scopes.ScopeError as e:
            self.err(e.node, e.reason)
        # Attributes the program assigns anywhere (obj.NAME = ...) are
        # attributes of its objects.
        for s in self.scopes.values():
            for n in s.nodes:
                if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store):
                    self.user_attrs.add(n.attr)
        for node in self.functions.values():
            self._function(node)
        objects = [self._object_class(node) for node in self.objects.values()]
        functions = self.compiled
        classes = [{"name": n, "bases": b, "origin": o} for n, b, o in BUILTIN_CLASSES]
        for name, (bases, line) in self.classes.items():
            entry = {"name": name, "bases": bases, "origin": "scenario", "line": line}
            methods, attrs = self._class_members(self.exception_bodies[name])
            if methods:
                entry["methods"] = methods
            if attrs:
                entry["attrs"] = attrs
            classes.append(entry)
        try:
            # CPython's symbol table checks more scoping rules than the
            # analysis above spells out: reject what it rejects.
            symtable.symtable(self.source, self.filename, "exec")
        except SyntaxError as e:
            raise CompileError(self.filename, e.lineno or 0, f"syntax error: {e.msg}", e.offset)
        return {
            "ir_version": IR_VERSION,
            "file": self.filename,
            "meta": meta,
            "classes": classes,
            **({"objects": objects} if objects else {}),
            "globals": global_inits,
            "functions": functions,
            "main": "main",
        }

    def _resolve_from_imports(self, body):
        """`from asyncio import sleep, CancelledError as CE` at module level:
        every later use of `sleep` / `CE` is `asyncio.sleep` /
        `asyncio.CancelledError` (the names may not be rebound)."""
        imported = {}
        rest = []
        for node in body:
            if isinstance(node, ast.ImportFrom) and node.module == "asyncio" and not node.level:
                for alias in node.names:
                    if alias.name == "*":
                        self.err(node, "`from asyncio import *` is not allowed: name what you import")
                    if alias.name not in ASYNCIO_API and alias.name not in ASYNCIO_CLASS_NAMES:
                        self.err(node, f"unknown asyncio API asyncio.{alias.name}")
                    local = alias.asname or alias.name
                    if local in imported or local in ("asyncio", "log"):
                        self.err(node, f"{local!r} is imported twice or shadows a name")
                    imported[local] = alias.name
            else:
                rest.append(node)
        if not imported:
            return rest
        err = self.err

        class Rewrite(ast.NodeTransformer):
            def visit_Name(self, n):
                if n.id not in imported:
                    return n
                if not isinstance(n.ctx, ast.Load):
                    err(n, f"{n.id!r} is imported from asyncio and cannot be rebound")
                return ast.copy_location(ast.Attribute(value=ast.copy_location(ast.Name("asyncio", ast.Load()), n),
                                                       attr=imported[n.id], ctx=ast.Load()), n)

            def _binds(self, node, name):
                if name in imported:
                    err(node, f"{name!r} is imported from asyncio and cannot be rebound")

            def visit_FunctionDef(self, n):
                self._binds(n, n.name)
                for a in n.args.posonlyargs + n.args.args + n.args.kwonlyargs:
                    self._binds(n, a.arg)
                return self.generic_visit(n)

            visit_AsyncFunctionDef = visit_FunctionDef

            def visit_ClassDef(self, n):
                self._binds(n, n.name)
                return self.generic_visit(n)

            def visit_ExceptHandler(self, n):
                if n.name:
                    self._binds(n, n.name)
                return self.generic_visit(n)

        return [Rewrite().visit(node) for node in rest]

    def _is_main_guard(self, node):
        t = node.test
        return isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"

    def _describe(self, node):
        names = {
            ast.JoinedStr: "an f-string", ast.Lambda: "a lambda", ast.Dict: "a dict display",
            ast.Set: "a set display", ast.DictComp: "a dict comprehension",
            ast.SetComp: "a set comprehension", ast.GeneratorExp: "a generator expression",
            ast.Yield: "yield", ast.YieldFrom: "yield from", ast.Slice: "a slice",
            ast.With: "`with` (use `async with`)", ast.Assert: "assert", ast.Delete: "del",
            ast.Nonlocal: "nonlocal", ast.ClassDef: "a class", ast.Import: "import",
            ast.ImportFrom: "import", ast.NamedExpr: "the walrus operator",
            ast.Match: "match", ast.IfExp: "a conditional expression (x if c else y)", ast.Starred: "a starred expression",
            ast.FunctionDef: "a nested def", ast.AsyncFunctionDef: "a nested async def",
            ast.AnnAssign: "an annotated assignment", ast.Global: "global",
            ast.AsyncWith: "async with", ast.AsyncFor: "async for",
        }
        for cls, text in names.items():
            if isinstance(node, cls):
                return text
        if hasattr(ast, "TypeAlias") and isinstance(node, ast.TypeAlias):
            return "a type alias"
        return type(node).__name__

    def _check_new_name(self, node, name):
        if name in self.functions or name in self.classes or name in self.globals or name in self.objects:
            self.err(node, f"{name!r} is defined twice at module level")
        if name in BUILTIN_CLASS_NAMES or name in BUILTIN_FUNCS or name in TYPE_NAMES \
                or name in ("log", "asyncio", "print"):
            self.err(node, f"{name!r} shadows a builtin name")

    def _is_object_class(self, node):
        """A class that is not an exception class: no base, or a base that is
        a scenario object class."""
        if node.keywords:
            return False
        if not node.bases:
            return True
        return len(node.bases) == 1 and isinstance(node.bases[0], ast.Name) and node.bases[0].id in self.objects

    def _collect_object_class(self, node):
        self._collect_class_body(node)
        self.objects[node.name] = node

    def _collect_class_body(self, node):
        """First pass over a class body: its methods, class constants and
        the attributes its methods assign to `self.NAME`."""
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.decorator_list:
                    self.err(stmt, "decorators are not allowed")
                self.methods[id(stmt)] = (node.name, stmt.name)
                self.user_attrs.add(stmt.name)
                for n in ast.walk(stmt):
                    if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store):
                        self.user_attrs.add(n.attr)
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.user_attrs.add(stmt.targets[0].id)
            elif isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
                pass
            else:
                self.err(stmt, f"{self._describe(stmt)} is not allowed in a class body "
                               "(methods, `NAME = constant`, pass)")

    def _class_members(self, node):
        """The IR function names of a class's methods and its constants."""
        methods, attrs = {}, []
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.name in methods:
                    self.err(stmt, f"method {stmt.name!r} defined twice")
                if not stmt.args.args and not stmt.args.posonlyargs:
                    self.err(stmt, f"method {stmt.name!r} needs `self` (static and class methods are not allowed)")
                methods[stmt.name] = self._function(stmt)
            elif isinstance(stmt, ast.Assign):
                attrs.append({"name": stmt.targets[0].id, "value": self._const_expr(stmt.value)})
        return methods, attrs

    def _object_class(self, node):
        """IR of an object class: bases, methods (IR function names), constants."""
        methods, attrs = self._class_members(node)
        out = {"name": node.name, "bases": [b.id for b in node.bases], "methods": methods, "line": node.lineno}
        if attrs:
            out["attrs"] = attrs
        return out

    def _class(self, node):
        self._check_new_name(node, node.name)
        if node.decorator_list:
            self.err(node, "class decorators are not allowed")
        if self._is_object_class(node):
            return self._collect_object_class(node)
        if node.keywords or len(node.bases) != 1:
            self.err(node, "an exception class has exactly one base: `class Name(Base): pass`")
        base = self._class_ref(node.bases[0], "class base")
        if base not in ("Exception", "BaseException") and base not in self.classes:
            self.err(node.bases[0], "the base of an exception class must be Exception, BaseException "
                                    "or a class the scenario defines")
        # A body like an object class's: methods, constants, pass (exception
        # instances take attributes too).
        self._collect_class_body(node)
        self.classes[node.name] = ([base], node.lineno)
        self.exception_bodies[node.name] = node

    def _class_ref(self, node, what):
        """A reference to an exception class; returns its IR name."""
        if isinstance(node, ast.Name):
            if node.id in self.classes:
                return node.id
            if node.id in BUILTIN_CLASS_NAMES and node.id not in ASYNCIO_CLASS_NAMES - {"TimeoutError"}:
                return node.id
            if node.id in BUILTIN_CLASS_NAMES:
                self.err(node, f"{node.id} must be written asyncio.{node.id}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "asyncio":
            if node.attr in ASYNCIO_CLASS_NAMES:
                return node.attr
        self.err(node, f"{what} must be an exception class (builtin, asyncio.X or defined in the scenario)")

    def _const_expr(self, node):
        """Module-level initialiser: constants, negative numbers, list/tuple/dict/set displays of those."""
        if isinstance(node, ast.Constant):
            return self._const(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and type(node.operand.value) in (int, float):
            return self._const(node.operand, negate=True)
        if isinstance(node, (ast.List, ast.Tuple)):
            return {"op": "list" if isinstance(node, ast.List) else "tuple",
                    "items": [self._const_expr(e) for e in node.elts]}
        if isinstance(node, ast.Set):
            return {"op": "set", "items": [self._const_expr(e) for e in node.elts]}
        if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
            return {"op": "dict", "keys": [self._const_expr(k) for k in node.keys],
                    "values": [self._const_expr(v) for v in node.values]}
        self.err(node, "a module-level assignment must assign a constant, or a list, tuple, dict or set display "
                       "of constants (build other values in main)")

    def _const(self, node, negate=False):
        v = node.value
        if v is None:
            return {"op": "const", "type": "none", "value": None}
        if isinstance(v, bool):
            return {"op": "const", "type": "bool", "value": v}
        if isinstance(v, int):
            v = -v if negate else v
            if not INT_MIN <= v <= INT_MAX:
                self.err(node, "integer constant out of the 64-bit range")
            return {"op": "const", "type": "int", "value": v}
        if isinstance(v, float):
            v = -v if negate else v
            if v != v or v in (float("inf"), float("-inf")):
                self.err(node, "non-finite float constant")
            return {"op": "const", "type": "float", "value": v}
        if isinstance(v, str):
            return {"op": "const", "type": "str", "value": v}
        what = {bytes: "a bytes literal", complex: "a complex literal"}.get(type(v), f"the constant {v!r}")
        self.err(node, f"{what} is not allowed")

    # -- functions
    def _function(self, node, nested=False):
        """Compiles one function (module-level, nested or a lambda) into
        self.compiled; returns its IR name. A nested function's default values
        are the closure's (evaluated where it is defined), not the function's."""
        is_async = isinstance(node, ast.AsyncFunctionDef)
        is_lambda = isinstance(node, ast.Lambda)
        is_genexp = isinstance(node, ast.GeneratorExp)
        info = self.scopes[id(node)]
        if getattr(node, "decorator_list", None):
            self.err(node, "decorators are not allowed")
        if is_genexp:
            params, defaults, kinds, global_names = [scopes.GENEXP_ITEM], [None], [None], set()
        else:
            a = node.args
            if a.posonlyargs:
                self.err(node, "positional-only parameters (/) are not allowed")
            params = [p.arg for p in a.args]
            defaults = [None] * (len(params) - len(a.defaults)) + list(a.defaults)
            kinds = [None] * len(params)
            if a.vararg:
                params, defaults, kinds = params + [a.vararg.arg], defaults + [None], kinds + ["varargs"]
            params += [p.arg for p in a.kwonlyargs]
            defaults += list(a.kw_defaults)
            kinds += ["kwonly"] * len(a.kwonlyargs)
            if a.kwarg:
                params, defaults, kinds = params + [a.kwarg.arg], defaults + [None], kinds + ["varkw"]
            global_names = self._collect_globals(node, set(params))
        key = info.qualname
        n = 2
        while key in self.keys:
            key, n = f"{info.qualname}#{n}", n + 1
        self.keys.add(key)
        saved = self.scope, self.loop_depth, self.in_except_star, self.in_finally
        self.scope = _Scope(key, [], global_names, is_async, info)
        self.loop_depth, self.in_except_star, self.in_finally = 0, False, 0
        for name in info.local_names:
            self.scope.declare(name)
        for name in info.freevars:
            self.scope.declare(name)
        pj = []
        for name, d, kind in zip(params, defaults, kinds):
            p = {"name": name, "slot": self.scope.slots[name]}
            if kind:
                p["kind"] = kind
            if d is not None and not nested:
                if isinstance(d, ast.Constant):
                    p["default"] = self._const(d)
                elif isinstance(d, ast.UnaryOp) and isinstance(d.op, ast.USub) \
                        and isinstance(d.operand, ast.Constant) and type(d.operand.value) in (int, float):
                    p["default"] = self._const(d.operand, negate=True)
                else:
                    self.err(d, "a module-level function's parameter defaults must be constants")
            pj.append(p)
        out = {"name": key, "line": node.lineno, "is_async": is_async, "params": pj}
        self.compiled.append(out)  # nested functions follow their parent
        if is_lambda:
            body = [{"op": "return", "value": self._expr(node.body), "line": node.lineno}]
        elif is_genexp:
            body = self._genexp_body(node)
        else:
            body = self._block(node.body)
        out.update({"nlocals": len(self.scope.slot_names), "local_names": list(self.scope.slot_names),
                    "body": body})
        cells = sorted(self.scope.slots[c] for c in info.cells)
        freevars = [self.scope.slots[f] for f in info.freevars]
        if is_genexp:
            # One frame for the whole iteration in Python: the variables nested
            # functions capture are cells made once, with the generator
            # (the closure's `fresh` cells), shared by every item's call.
            freevars, cells = freevars + cells, []
        if cells:
            out["cells"] = cells
        if freevars:
            out["freevars"] = freevars
        if nested or id(node) in self.methods:
            out["qualname"] = info.qualname
        self.scope, self.loop_depth, self.in_except_star, self.in_finally = saved
        return key

    def _genexp_body(self, node):
        """A generator expression's function, called with each item of its
        iterable: binds the target, returns (False, None) when the `if`
        rejects the item, else (True, element)."""
        g = node.generators[0]
        line = node.lineno
        item = {"op": "local", "slot": self.scope.slots[scopes.GENEXP_ITEM], "name": scopes.GENEXP_ITEM}

        def result(ok, value):
            return {"op": "return", "line": line,
                    "value": {"op": "tuple", "items": [{"op": "const", "type": "bool", "value": ok}, value]}}

        body = [{"op": "assign", "target": self._target(g.target), "value": item, "line": line}]
        if g.ifs:
            body.append({"op": "if", "test": {"op": "unary", "operator": "not", "operand": self._expr(g.ifs[0])},
                         "body": [result(False, {"op": "const", "type": "none", "value": None})], "orelse": [],
                         "line": line})
        body.append(result(True, self._expr(node.elt)))
        return body

    def _genexp(self, node):
        """(elt for target in iter if cond): `iter` is evaluated here; the
        rest runs lazily, one item per next(), in the closure's frame."""
        if len(node.generators) != 1:
            self.err(node, "a generator expression has exactly one `for`")
        g = node.generators[0]
        if g.is_async:
            self.err(node, "async generator expressions are not allowed")
        if len(g.ifs) > 1:
            self.err(node, "a generator expression has at most one `if`")
        return {"op": "genexp", "iter": self._expr(g.iter), "function": self._closure(node), "line": node.lineno}

    def _closure(self, node):
        """The expression making a nested function's object: its defaults are
        evaluated now, in the enclosing function; its free variables are the
        enclosing frame's cells."""
        info = self.scopes[id(node)]
        defaults = [] if isinstance(node, ast.GeneratorExp) else [self._expr(d) for d in node.args.defaults]
        kwdefaults = [] if isinstance(node, ast.GeneratorExp) else [
            {"name": p.arg, "value": self._expr(d)} for p, d in zip(node.args.kwonlyargs, node.args.kw_defaults)
            if d is not None]
        key = self._function(node, nested=True)
        captures = [self.scope.slots[name] for name in info.freevars]
        out = {"op": "closure", "name": key, "captures": captures, "line": node.lineno}
        if isinstance(node, ast.GeneratorExp) and info.cells:
            out["fresh"] = len(info.cells)
        if defaults:
            out["defaults"] = defaults
        if kwdefaults:
            out["kwdefaults"] = kwdefaults
        return out

    def _collect_globals(self, fn, params):
        names = set()
        info = self.scopes.get(id(fn))
        nodes = info.nodes if info is not None else list(self._walk_fn(fn.body))
        if not any(isinstance(node, ast.Global) for node in nodes):
            return names
        for node in nodes:
            if isinstance(node, ast.Global):
                for n in node.names:
                    if n in params:
                        self.err(node, f"`global {n}`: {n!r} is a parameter")
                    if n not in self.globals:
                        why = "a function or class" if (n in self.functions or n in self.classes) else "not a module-level variable"
                        self.err(node, f"`global {n}`: {n!r} is {why} (declare a module-level `{n} = constant` first)")
                    names.add(n)
        # Python requires `global` before any use in the function.
        for node in nodes:
            if isinstance(node, ast.Global):
                for n in node.names:
                    for other in nodes:
                        if isinstance(other, ast.Name) and other.id == n and \
                                (other.lineno, other.col_offset) < (node.lineno, node.col_offset):
                            self.err(node, f"`global {n}` must come before any use of {n!r}")
        return names

    def _walk_fn(self, body):
        return scopes.walk_body(body if isinstance(body, list) else [ast.Expr(body)])

    # -- statements
    def _block(self, stmts):
        out = []
        for s in stmts:
            r = self._stmt(s)
            if r is not None:
                out.append(r)
        return out

    def _stmt(self, node):
        line = node.lineno
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                self.err(node, "chained assignment (a = b = ...) is not allowed")
            value = self._expr(node.value)
            return {"op": "assign", "target": self._target(node.targets[0]), "value": value, "line": line}
        if isinstance(node, ast.AugAssign):
            if type(node.op) not in BINOPS:
                self.err(node, f"augmented operator {type(node.op).__name__} is not allowed")
            if isinstance(node.target, (ast.Tuple, ast.List)):
                self.err(node, "augmented assignment to a tuple")
            return {"op": "augassign", "target": self._target(node.target), "operator": BINOPS[type(node.op)],
                    "value": self._expr(node.value), "line": line}
        if isinstance(node, ast.AnnAssign):
            self.err(node, "annotated assignments are not allowed")
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            return None  # resolved statically
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return {"op": "assign", "target": self._name_target(node, node.name), "value": self._closure(node),
                    "line": line}
        if isinstance(node, ast.Expr):
            return {"op": "expr", "value": self._expr(node.value), "line": line}
        if isinstance(node, ast.Return):
            if self.in_except_star:
                self.err(node, "return is not allowed in an except* block")
            r = {"op": "return", "line": line}
            if node.value is not None:
                r["value"] = self._expr(node.value)
            return r
        if isinstance(node, ast.Pass):
            return {"op": "pass", "line": line}
        if isinstance(node, ast.If):
            return {"op": "if", "test": self._expr(node.test), "body": self._block(node.body),
                    "orelse": self._block(node.orelse), "line": line}
        if isinstance(node, ast.While):
            if node.orelse:
                self.err(node.orelse[0], "`while ... else` is not allowed")
            test = self._expr(node.test)
            return {"op": "while", "test": test, "body": self._loop_body(node.body), "line": line}
        if isinstance(node, (ast.For, ast.AsyncFor)):
            is_async = isinstance(node, ast.AsyncFor)
            if node.orelse:
                self.err(node.orelse[0], "`for ... else` is not allowed")
            if is_async:
                if not self.scope.is_async:
                    self.err(node, "async for outside an async function")
            it = self._expr(node.iter)
            target = self._target(node.target)
            return {"op": "async_for" if is_async else "for", "target": target, "iter": it,
                    "body": self._loop_body(node.body), "line": line}
        if isinstance(node, ast.Break):
            if self.in_except_star:
                self.err(node, "break is not allowed in an except* block")
            if self.loop_depth == 0:
                self.err(node, "break outside a loop")
            return {"op": "break", "line": line}
        if isinstance(node, ast.Continue):
            if self.in_except_star:
                self.err(node, "continue is not allowed in an except* block")
            if self.loop_depth == 0:
                self.err(node, "continue outside a loop")
            return {"op": "continue", "line": line}
        if isinstance(node, ast.Try) or (hasattr(ast, "TryStar") and isinstance(node, ast.TryStar)):
            return self._try(node)
        if isinstance(node, ast.Raise):
            r = {"op": "raise", "line": line}
            if node.exc is not None:
                r["exc"] = self._expr(node.exc)
            if node.cause is not None:
                r["cause"] = self._expr(node.cause)
            return r
        if isinstance(node, ast.AsyncWith):
            if not self.scope.is_async:
                self.err(node, "async with outside an async function")
            return self._async_with(node.items, node.body, line)
        if isinstance(node, (ast.ClassDef, ast.Import, ast.ImportFrom)):
            self.err(node, f"{self._describe(node)} is not allowed inside a function")
        self.err(node, f"{self._describe(node)} is not allowed")

    def _loop_body(self, body):
        self.loop_depth += 1
        saved = self.in_except_star
        self.in_except_star = False  # break/continue of a loop inside except* are fine
        try:
            return self._block(body)
        finally:
            self.loop_depth -= 1
            self.in_except_star = saved

    def _async_with(self, items, body, line):
        item = items[0]
        ctx = self._expr(item.context_expr)
        target = self._target(item.optional_vars) if item.optional_vars is not None else None
        inner = self._async_with(items[1:], body, line) if len(items) > 1 else None
        node = {"op": "async_with", "ctx": ctx, "body": [inner] if inner else self._block(body), "line": line}
        if target is not None:
            node["target"] = target
        return node

    def _try(self, node):
        star = not isinstance(node, ast.Try)
        body = self._block(node.body)
        handlers = []
        for i, h in enumerate(node.handlers):
            if h.type is None:
                if i != len(node.handlers) - 1:
                    self.err(h, "a bare `except:` must be last")
                types = None
            elif isinstance(h.type, ast.Tuple):
                if not h.type.elts:
                    self.err(h, "empty exception tuple")
                types = [self._class_ref(e, "an except clause type") for e in h.type.elts]
            else:
                types = [self._class_ref(h.type, "an except clause type")]
            if star and types and any(t in ("BaseExceptionGroup", "ExceptionGroup") for t in types):
                self.err(h, "except* cannot match exception groups")
            saved = self.in_except_star, self.loop_depth
            if star:
                self.in_except_star, self.loop_depth = True, 0
            try:
                hbody = self._block(h.body)
            finally:
                self.in_except_star, self.loop_depth = saved
            hj = {"types": types, "body": hbody, "line": h.lineno}
            if h.name:
                hj["target"] = self._name_target(h, h.name)
            handlers.append(hj)
        return {"op": "try_star" if star else "try", "body": body, "handlers": handlers,
                "orelse": self._block(node.orelse), "finalbody": self._block(node.finalbody),
                "line": node.lineno}


def compile_source(source, filename="<scenario>"):
    """Compile scenario source text into an IR document (a JSON-ready dict)."""
    return _Compiler(source, filename).compile()


def compile_file(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    return compile_source(source, path)


def main(argv):
    if argv == ["--schema"]:
        from .schema import ir_schema

        print(json.dumps(ir_schema(), indent=1))
        return 0
    check = "--check" in argv
    files = [a for a in argv if a != "--check"]
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    status = 0
    for path in files:
        try:
            ir = compile_file(path)
        except CompileError as e:
            print(str(e), file=sys.stderr)
            status = 1
            continue
        except OSError as e:
            print(f"{path}:0: cannot read: {e.strerror}", file=sys.stderr)
            status = 1
            continue
        if not check:
            print(json.dumps(ir))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
