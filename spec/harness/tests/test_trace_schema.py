"""Every checked-in expected trace validates against spec/schema/trace.schema.json.

jsonschema is not in the stdlib: a validator for the subset the schema uses
($ref, oneOf, not, type, const, enum, pattern, minimum, minItems, items,
required, properties, additionalProperties, propertyNames) is below.
"""

import json
import re
import unittest

from asyncspec import paths


class SchemaError(Exception):
    pass


TYPES = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def validate(x, schema, root, path="$"):
    if "$ref" in schema:
        validate(x, root["$defs"][schema["$ref"].split("/")[-1]], root, path)
    if "oneOf" in schema:
        ok = 0
        for sub in schema["oneOf"]:
            try:
                validate(x, sub, root, path)
                ok += 1
            except SchemaError:
                pass
        if ok != 1:
            raise SchemaError(f"{path}: {ok} oneOf alternatives match {x!r:.80}")
    if "not" in schema:
        try:
            validate(x, schema["not"], root, path)
        except SchemaError:
            pass
        else:
            raise SchemaError(f"{path}: matches a forbidden schema")
    if "type" in schema and not TYPES[schema["type"]](x):
        raise SchemaError(f"{path}: not a {schema['type']}")
    if "const" in schema and x != schema["const"]:
        raise SchemaError(f"{path}: != {schema['const']!r}")
    if "enum" in schema and x not in schema["enum"]:
        raise SchemaError(f"{path}: {x!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(x, str) and not re.search(schema["pattern"], x):
        raise SchemaError(f"{path}: {x!r} does not match {schema['pattern']}")
    if "minimum" in schema and TYPES["number"](x) and x < schema["minimum"]:
        raise SchemaError(f"{path}: below minimum")
    if isinstance(x, list):
        if len(x) < schema.get("minItems", 0):
            raise SchemaError(f"{path}: too few items")
        if "items" in schema:
            for i, v in enumerate(x):
                validate(v, schema["items"], root, f"{path}[{i}]")
    if isinstance(x, dict):
        for k in schema.get("required", ()):
            if k not in x:
                raise SchemaError(f"{path}: missing {k!r}")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for k, v in x.items():
            if "propertyNames" in schema:
                validate(k, schema["propertyNames"], root, f"{path}.<{k}>")
            if k in props:
                validate(v, props[k], root, f"{path}.{k}")
            elif extra is False:
                raise SchemaError(f"{path}: unexpected property {k!r}")
            elif isinstance(extra, dict):
                validate(v, extra, root, f"{path}.{k}")


def load_schema():
    with open(paths.SPEC_DIR / "schema" / "trace.schema.json", encoding="utf-8") as f:
        return json.load(f)


class TraceSchemaTest(unittest.TestCase):
    def setUp(self):
        self.schema = load_schema()

    def valid(self, doc, ref=None):
        schema = {"$ref": f"#/$defs/{ref}"} if ref else self.schema
        validate(doc, schema, self.schema)

    def invalid(self, doc, ref=None):
        with self.assertRaises(SchemaError, msg=repr(doc)):
            self.valid(doc, ref)

    def test_checked_in_expected_traces(self):
        files = sorted(paths.EXPECTED_DIR.glob("*/*.json"))
        for p in files:
            with open(p, encoding="utf-8") as f:
                doc = json.load(f)
            try:
                self.valid(doc)
            except SchemaError as exc:
                self.fail(f"{paths.rel(p)}: {exc}")

    def test_events(self):
        self.valid({"t": 0.0, "v": ["x", 1, None, [True], {"tuple": [1]}, {"task": "Task-1"}], "line": 3}, "event")
        self.valid({"t": 1, "v": ["e", {"exc": "Boom", "args": [1]}, {"exc": "ExceptionGroup", "members": []}]}, "event")
        self.valid({"t": 0.5, "end": "return", "value": None}, "event")
        self.valid({"t": 0.5, "end": "raise", "exc": {"exc": "CancelledError", "args": []}}, "event")
        self.invalid({"t": 0.5, "end": "raise", "value": 1}, "event")
        self.invalid({"t": 0.5, "end": "return"}, "event")
        self.invalid({"v": ["x"]}, "event")
        self.invalid({"t": 0, "v": ["x"], "extra": 1}, "event")
        self.invalid({"t": 0, "v": [{"future": "weird"}]}, "event")
        self.invalid({"t": 0, "v": [{"exc": "E", "args": [], "members": []}]}, "event")

    def test_file(self):
        doc = {"id": "a.b", "file": "f.py", "recorded_with": {"3.11": "3.11.7"}, "version_scoped": False,
               "traces": [{"versions": ["3.11"], "trace": [{"t": 0, "end": "return", "value": 1}]}]}
        self.valid(doc)
        self.invalid(dict(doc, traces=[]))
        self.invalid(dict(doc, recorded_with={"3.11.7": "x"}))


if __name__ == "__main__":
    unittest.main()
