"""The scenario header (spec/LANGUAGE.md): the module docstring holding TOML
that every scenario program starts with.

ONE validator with one id rule, for every reader of a header: the compiler
(any program: the suite's, the fuzzer's, the tests') and spec/scenarios.py
(the suite's files, which add the rules of a file in the suite on top:
`suite=True` requires `features` and `description` and at least one clause;
scenarios.py checks that the id starts with the area directory). A problem is
a HeaderError naming `file:line` (the line of the offending key when known).
"""

import ast
import re
import tomllib
from dataclasses import dataclass, field

from .. import FileError, toml_error_at

ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9][a-z0-9_-]*)+$")
VERSION_RE = re.compile(r"^3\.(\d+)$")
TYPES = {"id": str, "clauses": list, "features": list, "description": str,
         "min_version": str, "max_version": str, "unordered": list}
REQUIRED = ("id", "clauses")
SUITE_REQUIRED = ("id", "clauses", "features", "description")


class HeaderError(FileError):
    """A malformed scenario header."""


def version_tuple(v):
    m = VERSION_RE.match(v or "")
    if not m:
        raise ValueError(f"bad version {v!r} (expected \"3.X\")")
    return (3, int(m.group(1)))


@dataclass
class Header:
    id: str
    clauses: list
    features: list = field(default_factory=list)
    description: str = ""
    min_version: str = None
    max_version: str = None
    unordered: list = field(default_factory=list)
    line: int = 1                                  # the docstring's first line
    key_lines: dict = field(default_factory=dict)  # key -> its line in the file

    def meta(self):
        """The header as the IR's `meta` (spec/IR.md)."""
        out = {"id": self.id, "clauses": self.clauses, "features": self.features,
               "description": self.description, "unordered": self.unordered}
        for key in ("min_version", "max_version"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


def docstring(tree, relpath):
    """(the module docstring, its first line) of an ast.Module; HeaderError when there is none."""
    body = tree.body
    if not body or not (isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                        and isinstance(body[0].value.value, str)):
        raise HeaderError(relpath, 1, "missing metadata header (a module docstring holding TOML)")
    return body[0].value.value, body[0].lineno


def parse(tree, relpath, suite=False, known_features=None):
    """The validated Header of an ast.Module. `known_features`: when given,
    a feature outside it is an error (the compiler passes spec/features.toml)."""
    raw, first = docstring(tree, relpath)

    def file_line(doc_line):  # 1-based line inside the docstring -> line in the file
        return first + doc_line - 1

    try:
        header = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_at(exc)
        raise HeaderError(relpath, file_line(line), f"bad TOML header: {reason}") from None
    key_lines = {}
    for i, text in enumerate(raw.split("\n"), start=1):
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=", text)
        if m and m.group(1) not in key_lines:
            key_lines[m.group(1)] = file_line(i)

    def err(key, reason):
        raise HeaderError(relpath, key_lines.get(key, first), reason)

    for key in header:
        if key not in TYPES:
            err(key, f"unknown header key {key!r} (allowed: {', '.join(TYPES)})")
    for key in SUITE_REQUIRED if suite else REQUIRED:
        if key not in header:
            raise HeaderError(relpath, first, f"header lacks required key {key!r}")
    for key, typ in TYPES.items():
        if key in header and not isinstance(header[key], typ):
            err(key, f"{key!r} must be a {typ.__name__}")
    for key in ("clauses", "features"):
        values = header.get(key, [])
        if not all(isinstance(x, str) for x in values):
            err(key, f"{key!r} must be a list of strings")
        if len(set(values)) != len(values):
            err(key, f"{key!r} lists a name twice")
    if suite and not header["clauses"]:
        err("clauses", "'clauses' must name at least one clause")
    if not ID_RE.match(header["id"]):
        err("id", f"bad id {header['id']!r} (dotted lower-case words, e.g. \"area.some-rule\")")
    if known_features is not None:
        for feat in header.get("features", []):
            if feat not in known_features:
                err("features", f"unknown feature {feat!r} (not in spec/features.toml)")
    for key in ("min_version", "max_version"):
        if key in header:
            try:
                version_tuple(header[key])
            except ValueError as exc:
                err(key, str(exc))
    if "min_version" in header and "max_version" in header:
        if version_tuple(header["min_version"]) > version_tuple(header["max_version"]):
            err("min_version", "min_version is greater than max_version")
    unordered = header.get("unordered", [])
    for group in unordered:
        if not (isinstance(group, list) and group and all(isinstance(x, str) for x in group)):
            err("unordered", "'unordered' must be a list of non-empty lists of label strings")
    seen = {}
    for gi, group in enumerate(unordered):
        for label in group:
            if label in seen and seen[label] != gi:
                err("unordered", f"label {label!r} is in two unordered groups")
            seen[label] = gi
    return Header(id=header["id"], clauses=list(header["clauses"]), features=list(header.get("features", [])),
                  description=header.get("description", ""), min_version=header.get("min_version"),
                  max_version=header.get("max_version"), unordered=[list(g) for g in unordered],
                  line=first, key_lines=key_lines)
