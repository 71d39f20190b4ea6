"""The IR's JSON Schema (spec/schema/ir.schema.json), generated from the node
tables (nodes.py):

    python3 -m asyncspec.ir.schema    (spec/harness on sys.path)
"""

import json

from .nodes import EXPR_NODES, IR_VERSION, STMT_NODES, TARGET_NODES
from .vocabulary import ASYNCIO_API, ATTRIBUTES, BINOPS, BUILTIN_FUNCS, CMPOPS, METHODS, TYPE_NAMES, UNARYOPS

def ir_schema():
    def expr_ref():
        return {"$ref": "#/$defs/expr"}

    def field_schema(kind):
        return {
            "expr": expr_ref(), "expr?": expr_ref(),
            "exprs": {"type": "array", "items": expr_ref()},
            "args": {"type": "array", "items": {"$ref": "#/$defs/arg"}},
            "stmts": {"$ref": "#/$defs/block"},
            "target": {"$ref": "#/$defs/target"}, "target?": {"$ref": "#/$defs/target"},
            "targets": {"type": "array", "items": {"$ref": "#/$defs/target"}},
            "str": {"type": "string"}, "int": {"type": "integer", "minimum": 0},
            "int?": {"type": "integer", "minimum": 0},
            "bool": {"type": "boolean"}, "bool?": {"type": "boolean"},
            "exprs?": {"type": "array", "items": expr_ref()},
            "ints": {"type": "array", "items": {"type": "integer", "minimum": 0}},
            "strs": {"type": "array", "items": {"type": "string"}},
            "kwargs": {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/kwarg"}, {"$ref": "#/$defs/starstar"}]}},
            "kwargs?": {"type": "array", "items": {"$ref": "#/$defs/kwarg"}},
            "handlers": {"type": "array", "items": {"$ref": "#/$defs/handler"}},
            "line": {"type": "integer", "minimum": 0},
            "const_type": {"enum": ["none", "bool", "int", "float", "str"]},
            "const": {"type": ["null", "boolean", "integer", "number", "string"]},
        }[kind]

    def node_schema(op, fields):
        props = {"op": {"const": op}}
        required = ["op"]
        for name, kind in fields.items():
            props[name] = field_schema(kind)
            if not kind.endswith("?"):
                required.append(name)
        return {"type": "object", "properties": props, "required": required, "additionalProperties": False}

    enums = {
        ("unary", "operator"): sorted(set(UNARYOPS.values())),
        ("binop", "operator"): sorted(set(BINOPS.values())),
        ("augassign", "operator"): sorted(set(BINOPS.values())),
        ("boolop", "operator"): ["and", "or"],
        ("call_builtin", "name"): sorted(BUILTIN_FUNCS),
        ("call_method", "method"): sorted(METHODS),
        ("method_ref", "method"): sorted(METHODS),
        ("attr", "name"): sorted(ATTRIBUTES),
        ("type", "name"): sorted(TYPE_NAMES),
        ("builtin_ref", "name"): sorted({"log"} | BUILTIN_FUNCS),
        ("api_ref", "api"): sorted("asyncio." + a for a in ASYNCIO_API),
        ("call_api", "api"): sorted("asyncio." + a for a in ASYNCIO_API if not a.isupper()),
    }

    defs = {}
    for op, fields in EXPR_NODES.items():
        s = node_schema(op, fields)
        for (o, f), values in enums.items():
            if o == op:
                s["properties"][f] = {"enum": values}
        if op == "compare":
            s["properties"]["ops"] = {"type": "array", "items": {"enum": sorted(set(CMPOPS.values()))}, "minItems": 1}
        defs["expr_" + op] = s
    for op, fields in TARGET_NODES.items():
        defs["target_" + op] = node_schema(op, fields)
    for op, fields in STMT_NODES.items():
        s = node_schema(op, fields)
        for (o, f), values in enums.items():
            if o == op:
                s["properties"][f] = {"enum": values}
        defs["stmt_" + op] = s
    defs["expr"] = {"anyOf": [{"$ref": f"#/$defs/expr_{op}"} for op in EXPR_NODES]}
    defs["target"] = {"anyOf": [{"$ref": f"#/$defs/target_{op}"} for op in TARGET_NODES]}
    defs["stmt"] = {"anyOf": [{"$ref": f"#/$defs/stmt_{op}"} for op in STMT_NODES]}
    defs["block"] = {"type": "array", "items": {"$ref": "#/$defs/stmt"}}
    defs["starred"] = {"type": "object", "properties": {"op": {"const": "starred"}, "value": expr_ref()},
                       "required": ["op", "value"], "additionalProperties": False}
    defs["arg"] = {"anyOf": [expr_ref(), {"$ref": "#/$defs/starred"}]}
    defs["starstar"] = {"type": "object", "properties": {"op": {"const": "starstar"}, "value": expr_ref()},
                        "required": ["op", "value"], "additionalProperties": False}
    defs["kwarg"] = {"type": "object", "properties": {"name": {"type": "string"}, "value": expr_ref()},
                     "required": ["name", "value"], "additionalProperties": False}
    defs["handler"] = {"type": "object", "properties": {
        "types": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
        "target": {"$ref": "#/$defs/target"}, "body": {"$ref": "#/$defs/block"},
        "line": {"type": "integer", "minimum": 0}},
        "required": ["types", "body", "line"], "additionalProperties": False}
    defs["param"] = {"type": "object", "properties": {
        "name": {"type": "string"}, "slot": {"type": "integer", "minimum": 0},
        "kind": {"enum": ["varargs", "kwonly", "varkw"]},
        "default": {"$ref": "#/$defs/expr_const"}},
        "required": ["name", "slot"], "additionalProperties": False}
    defs["function"] = {"type": "object", "properties": {
        "name": {"type": "string"}, "line": {"type": "integer", "minimum": 0},
        "is_async": {"type": "boolean"},
        "params": {"type": "array", "items": {"$ref": "#/$defs/param"}},
        "nlocals": {"type": "integer", "minimum": 0},
        "local_names": {"type": "array", "items": {"type": "string"}},
        "body": {"$ref": "#/$defs/block"},
        # closures (IR version 2): slots holding cells, slots receiving the
        # captured cells, and a nested function's Python qualified name
        "cells": {"type": "array", "items": {"type": "integer", "minimum": 0}},
        "freevars": {"type": "array", "items": {"type": "integer", "minimum": 0}},
        "qualname": {"type": "string"}},
        "required": ["name", "line", "is_async", "params", "nlocals", "local_names", "body"],
        "additionalProperties": False}
    defs["class"] = {"type": "object", "properties": {
        "name": {"type": "string"}, "bases": {"type": "array", "items": {"type": "string"}},
        "origin": {"enum": ["builtin", "asyncio", "scenario"]}, "line": {"type": "integer", "minimum": 0},
        # a scenario exception class's methods and constants (IR version 2)
        "methods": {"type": "object", "additionalProperties": {"type": "string"}},
        "attrs": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": expr_ref()}, "required": ["name", "value"],
            "additionalProperties": False}}},
        "required": ["name", "bases", "origin"], "additionalProperties": False}
    defs["object_class"] = {"type": "object", "properties": {
        "name": {"type": "string"}, "bases": {"type": "array", "items": {"type": "string"}, "maxItems": 1},
        "methods": {"type": "object", "additionalProperties": {"type": "string"}},
        "attrs": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": expr_ref()}, "required": ["name", "value"],
            "additionalProperties": False}},
        "line": {"type": "integer", "minimum": 0}},
        "required": ["name", "bases", "methods", "line"], "additionalProperties": False}
    defs["global"] = {"type": "object", "properties": {
        "name": {"type": "string"}, "value": expr_ref(), "line": {"type": "integer", "minimum": 0}},
        "required": ["name", "value", "line"], "additionalProperties": False}
    strs = {"type": "array", "items": {"type": "string"}}
    defs["meta"] = {"type": "object", "properties": {
        "id": {"type": "string"}, "clauses": strs, "features": strs, "description": {"type": "string"},
        "min_version": {"type": "string", "pattern": "^3\\.[0-9]+$"},
        "max_version": {"type": "string", "pattern": "^3\\.[0-9]+$"},
        "unordered": {"type": "array", "items": strs}},
        "required": ["id", "clauses", "features", "description", "unordered"], "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://asyncspec/spec/schema/ir.schema.json",
        "title": f"asyncspec IR version {IR_VERSION}",
        "description": "Generated by `python3 -m asyncspec.ir.compiler --schema`; documented in spec/IR.md.",
        "type": "object",
        "properties": {
            "ir_version": {"const": IR_VERSION},
            "file": {"type": "string"},
            "meta": {"$ref": "#/$defs/meta"},
            "classes": {"type": "array", "items": {"$ref": "#/$defs/class"}},
            "objects": {"type": "array", "items": {"$ref": "#/$defs/object_class"}},
            "globals": {"type": "array", "items": {"$ref": "#/$defs/global"}},
            "functions": {"type": "array", "items": {"$ref": "#/$defs/function"}},
            "main": {"type": "string"},
        },
        "required": ["ir_version", "file", "meta", "classes", "globals", "functions", "main"],
        "additionalProperties": False,
        "$defs": defs,
    }


if __name__ == "__main__":
    print(json.dumps(ir_schema(), indent=1))
