"""Python's scoping rules for the compiler (the language reference, "Naming and
binding"): which names a function binds, which it declares `global` or
`nonlocal`, and which of its locals nested functions capture.

A scenario's functions form a tree: module-level `def`/`async def` at the
roots, nested `def`, `async def` and `lambda` below. For each function the
analysis gives
- `local_names`: parameters, then the other names it binds (assignment,
  `for`, `except ... as`, `async with ... as`, nested `def`), minus `global`
  and `nonlocal` names, in first-binding order;
- `cells`: the locals some nested function reads or writes (they live in a
  shared cell, not in the frame);
- `freevars`: names of enclosing functions' locals this function (or a
  function nested in it) uses; they are passed in when the function object is
  made.
Names that no enclosing function binds resolve at module level.
Comprehensions are not scopes here: their variables are frame slots the
compiler shadows (compiler.py), and a nested function may not capture one.
"""

import ast

# A generator expression is a function too: its first iterable is evaluated
# where it is written, the rest runs per item, in its own frame.
FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.GeneratorExp)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp)
GENEXP_ITEM = ".item"  # the parameter of a generator expression's function


class ScopeError(Exception):
    def __init__(self, node, reason):
        super().__init__(reason)
        self.node = node
        self.reason = reason


def walk_body(stmts):
    """Every node of a function body in source order (a list), not descending
    into nested scopes: a nested function's decorators, defaults and name (the
    def node itself) belong to the enclosing scope, its body does not; a
    comprehension's first iterable belongs to the enclosing scope."""
    out = []
    iter_fields = ast.iter_fields

    def walk(node):
        out.append(node)
        for _, value in iter_fields(node):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        visit(item)
            elif isinstance(value, ast.AST):
                visit(value)

    def visit(child):
        if isinstance(child, ast.GeneratorExp):
            out.append(child)
            walk(child.generators[0].iter)
        elif isinstance(child, FUNCTION_NODES):
            out.append(child)
            args = child.args
            for d in list(args.defaults) + [d for d in args.kw_defaults if d is not None]:
                walk(d)
            for d in getattr(child, "decorator_list", ()):
                walk(d)
        elif isinstance(child, _COMPREHENSIONS):
            walk(child.generators[0].iter)
            # names the comprehension reads from the enclosing function (its
            # own targets are shadowed by the compiler)
            parts = [child.generators[0].target] + list(child.generators[0].ifs)
            for g in child.generators[1:]:
                parts += [g.iter, g.target] + list(g.ifs)
            parts += [child.key, child.value] if isinstance(child, ast.DictComp) else [child.elt]
            for part in parts:
                walk(part)
        elif isinstance(child, ast.ClassDef):
            out.append(child)
        else:
            walk(child)

    for stmt in stmts:
        visit(stmt)
    return out


def param_names(args):
    names = [a.arg for a in args.posonlyargs + args.args]
    if args.vararg:
        names.append(args.vararg.arg)
    names += [a.arg for a in args.kwonlyargs]
    if args.kwarg:
        names.append(args.kwarg.arg)
    return names


def _body(fn):
    """The statements of a function's body (a lambda's or a generator
    expression's expressions wrapped as statements)."""
    if isinstance(fn, ast.Lambda):
        return [ast.Expr(fn.body)]
    if isinstance(fn, ast.GeneratorExp):
        g = fn.generators[0]
        return [ast.Expr(e) for e in [g.target] + list(g.ifs) + [fn.elt]]
    return fn.body


class FunctionScope:
    """One function's names (see the module docstring)."""

    def __init__(self, node, parent):
        self.node = node
        self.parent = parent
        self.children = []
        self.params = [GENEXP_ITEM] if isinstance(node, ast.GeneratorExp) else param_names(node.args)
        self.global_names = set()
        self.nonlocal_names = set()
        self.local_names = []
        self.used = set()       # names read or written here (not in nested functions)
        self.cells = set()
        self.freevars = []
        self._collect()

    def _collect(self):
        stmts = _body(self.node)
        bound = {}

        def bind(target):
            if isinstance(target, ast.Name):
                bound.setdefault(target.id, len(bound))
            elif isinstance(target, (ast.Tuple, ast.List)):
                for e in target.elts:
                    bind(e)
            elif isinstance(target, ast.Starred):
                bind(target.value)

        nodes = self.nodes = walk_body(stmts)  # the body's nodes (nested scopes' own: not)
        self.child_nodes = [n for n in nodes if isinstance(n, FUNCTION_NODES)]
        if isinstance(self.node, ast.GeneratorExp):
            bind(self.node.generators[0].target)
        for n in nodes:
            if isinstance(n, ast.Global):
                self.global_names.update(n.names)
            elif isinstance(n, ast.Nonlocal):
                self.nonlocal_names.update(n.names)
        for n in nodes:
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    bind(t)
            elif isinstance(n, (ast.AugAssign, ast.AnnAssign)):
                bind(n.target)
            elif isinstance(n, (ast.For, ast.AsyncFor)):
                bind(n.target)
            elif isinstance(n, ast.ExceptHandler) and n.name:
                bound.setdefault(n.name, len(bound))
            elif isinstance(n, (ast.With, ast.AsyncWith)):
                for item in n.items:
                    if item.optional_vars is not None:
                        bind(item.optional_vars)
            elif isinstance(n, ast.NamedExpr):
                bind(n.target)
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.setdefault(n.name, len(bound))
            if isinstance(n, ast.Name):
                self.used.add(n.id)
        self.used |= self.nonlocal_names
        both = self.global_names & self.nonlocal_names
        if both:
            raise ScopeError(self.node, f"{sorted(both)[0]!r} is declared both global and nonlocal")
        for name in self.nonlocal_names:
            if name in self.params:
                raise ScopeError(self.node, f"`nonlocal {name}`: {name!r} is a parameter")
        names = list(self.params) + [n for n in bound if n not in self.params]
        self.local_names = [n for n in names if n not in self.global_names and n not in self.nonlocal_names]

    def binds(self, name):
        return name in self.local_names

    def qualname_prefix(self):
        return f"{self.qualname}.<locals>."


def analyse(roots, qualnames=None):
    """Scopes for the module-level functions and methods `roots` (ast nodes;
    `qualnames`: id(node) -> qualified name, for methods) and every function
    nested in them: {id(node): FunctionScope}."""
    scopes = {}
    qualnames = qualnames or {}

    def build(node, parent):
        s = FunctionScope(node, parent)
        s.qualname = qualnames.get(id(node)) or (parent.qualname_prefix() if parent else "") + (
            "<lambda>" if isinstance(node, ast.Lambda) else "<genexpr>" if isinstance(node, ast.GeneratorExp)
            else node.name)
        scopes[id(node)] = s
        for n in s.child_nodes:
            s.children.append(build(n, s))
        return s

    def resolve(s):
        """Names s needs from enclosing functions (its free variables)."""
        needed = set()
        for child in s.children:
            needed |= resolve(child)
        for name in needed:
            if s.binds(name):
                s.cells.add(name)
        free = {n for n in needed if not s.binds(n) and n not in s.global_names}
        for name in s.used - s.global_names:
            if s.binds(name):
                continue
            if _enclosing_binder(s, name) is not None:
                free.add(name)
            elif name in s.nonlocal_names:
                raise ScopeError(s.node, f"`nonlocal {name}`: no enclosing function binds {name!r}")
        s.freevars = sorted(free)
        return free

    for root in roots:
        resolve(build(root, None))
    return scopes


def _enclosing_binder(s, name):
    p = s.parent
    while p is not None:
        if p.binds(name):
            return p
        if name in p.global_names:
            return None
        p = p.parent
    return None
