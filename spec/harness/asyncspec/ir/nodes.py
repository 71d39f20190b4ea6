"""The IR's node tables (spec/IR.md): every expression, assignment target and
statement with its fields; the single source of truth for the JSON Schema
(schema.py) and what the compiler emits."""

IR_VERSION = 2
# Versions a reader of this one also reads (each adds to the one before).
IR_VERSIONS_READ = (1, 2)

# field -> kind: "expr", "expr?" (optional), "exprs", "stmts", "target",
# "target?", "str", "int", "bool", "strs", "strs?", "kwargs", "handlers",
# "const", "line". Every node has "op".

EXPR_NODES = {
    "const": {"type": "const_type", "value": "const"},
    "local": {"slot": "int", "name": "str"},
    "deref": {"slot": "int", "name": "str", "free": "bool?"},
    "global": {"name": "str"},
    "func": {"name": "str"},
    "closure": {"name": "str", "captures": "ints", "defaults": "exprs?", "kwdefaults": "kwargs?", "fresh": "int?",
                "line": "line"},
    "class": {"name": "str"},
    "type": {"name": "str"},
    "api_ref": {"api": "str"},
    "builtin_ref": {"name": "str"},
    "unary": {"operator": "str", "operand": "expr"},
    "binop": {"operator": "str", "left": "expr", "right": "expr"},
    "compare": {"left": "expr", "ops": "strs", "comparators": "exprs"},
    "boolop": {"operator": "str", "values": "exprs"},
    "ifexp": {"test": "expr", "body": "expr", "orelse": "expr"},
    "index": {"obj": "expr", "index": "expr"},
    "attr": {"obj": "expr", "name": "str"},
    "method_ref": {"obj": "expr", "method": "str"},
    "slice": {"obj": "expr", "lower": "expr?", "upper": "expr?", "step": "expr?"},
    "list": {"items": "exprs"},
    "tuple": {"items": "exprs"},
    "listcomp": {"target": "target", "iter": "expr", "cond": "expr?", "element": "expr"},
    "setcomp": {"target": "target", "iter": "expr", "cond": "expr?", "element": "expr"},
    "dictcomp": {"target": "target", "iter": "expr", "cond": "expr?", "key": "expr", "value": "expr"},
    "dict": {"keys": "exprs", "values": "exprs"},
    "set": {"items": "exprs"},
    "user_class": {"name": "str"},
    "getattr": {"obj": "expr", "name": "str"},
    "super_call": {"class": "str", "method": "str", "self": "expr", "args": "args", "kwargs": "kwargs", "line": "line"},
    "genexp": {"iter": "expr", "function": "expr", "line": "line"},
    "await": {"value": "expr", "line": "line"},
    "call_api": {"api": "str", "args": "args", "kwargs": "kwargs", "line": "line"},
    "call_func": {"name": "str", "args": "args", "kwargs": "kwargs", "line": "line"},
    "call_method": {"obj": "expr", "method": "str", "args": "args", "kwargs": "kwargs", "line": "line"},
    "call_value": {"callee": "expr", "args": "args", "kwargs": "kwargs", "line": "line"},
    "call_builtin": {"name": "str", "args": "args", "kwargs": "kwargs", "line": "line"},
    "new_exc": {"class": "str", "args": "args", "line": "line"},
    "log": {"args": "args", "line": "line"},
}
TARGET_NODES = {
    "local": {"slot": "int", "name": "str"},
    "deref": {"slot": "int", "name": "str", "free": "bool?"},
    "global": {"name": "str"},
    "index": {"obj": "expr", "index": "expr"},
    "unpack": {"targets": "targets"},
    "setattr": {"obj": "expr", "name": "str"},
}
STMT_NODES = {
    "assign": {"target": "target", "value": "expr", "line": "line"},
    "augassign": {"target": "target", "operator": "str", "value": "expr", "line": "line"},
    "expr": {"value": "expr", "line": "line"},
    "return": {"value": "expr?", "line": "line"},
    "pass": {"line": "line"},
    "if": {"test": "expr", "body": "stmts", "orelse": "stmts", "line": "line"},
    "while": {"test": "expr", "body": "stmts", "line": "line"},
    "for": {"target": "target", "iter": "expr", "body": "stmts", "line": "line"},
    "async_for": {"target": "target", "iter": "expr", "body": "stmts", "line": "line"},
    "break": {"line": "line"},
    "continue": {"line": "line"},
    "try": {"body": "stmts", "handlers": "handlers", "orelse": "stmts", "finalbody": "stmts", "line": "line"},
    "try_star": {"body": "stmts", "handlers": "handlers", "orelse": "stmts", "finalbody": "stmts", "line": "line"},
    "raise": {"exc": "expr?", "cause": "expr?", "line": "line"},
    "async_with": {"ctx": "expr", "target": "target?", "body": "stmts", "line": "line"},
}
