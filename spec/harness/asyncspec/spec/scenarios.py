"""Scenario files: locate them and parse their TOML metadata header.

A scenario is spec/scenarios/<area>/<name>.py whose module docstring is a TOML
header (LANGUAGE.md). Any problem is reported as `file:line: reason`.
"""

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import ConfigError, paths
from .clauses import toml_error_at

REQUIRED = {"id": str, "clauses": list, "features": list, "description": str}
OPTIONAL = {"min_version": str, "max_version": str, "unordered": list}
VERSION_RE = re.compile(r"^3\.(\d+)$")
ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9][a-z0-9_-]*)+$")


class HeaderError(Exception):
    def __init__(self, file, line, reason):
        super().__init__(f"{file}:{line}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


def version_tuple(v):
    m = VERSION_RE.match(v or "")
    if not m:
        raise ValueError(f"bad version {v!r} (expected \"3.X\")")
    return (3, int(m.group(1)))


@dataclass
class Scenario:
    id: str
    area: str
    path: Path
    relpath: str
    clauses: list
    features: list
    description: str
    min_version: str = None
    max_version: str = None
    unordered: list = field(default_factory=list)
    source: str = ""
    key_lines: dict = field(default_factory=dict)
    header_line: int = 1

    def applies_to(self, version):
        """Is the scenario in range for Python "3.X"?"""
        v = version_tuple(version)
        if self.min_version and v < version_tuple(self.min_version):
            return False
        if self.max_version and v > version_tuple(self.max_version):
            return False
        return True

    def line_of(self, key):
        return self.key_lines.get(key, self.header_line)

    def broken(self, error):
        """This scenario as a BrokenScenario: `error` (e.g. the compiler's) is the spec's fault."""
        return BrokenScenario(id=self.id, area=self.area, path=self.path, relpath=self.relpath,
                              clauses=self.clauses, features=self.features, error=str(error))

    def meta(self):
        out = {"id": self.id, "area": self.area, "file": self.relpath, "clauses": self.clauses,
               "features": self.features, "description": self.description,
               "unordered": self.unordered}
        if self.min_version:
            out["min_version"] = self.min_version
        if self.max_version:
            out["max_version"] = self.max_version
        return out


def parse_scenario(path, source=None, relpath=None):
    """Parse one scenario file; raise HeaderError naming file:line."""
    path = Path(path)
    relpath = relpath or paths.rel(path)
    if source is None:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise HeaderError(relpath, 1, f"cannot read: {exc}") from None
    try:
        tree = ast.parse(source, filename=relpath)
    except SyntaxError as exc:
        raise HeaderError(relpath, exc.lineno or 1, f"syntax error: {exc.msg}") from None
    if not tree.body or not (isinstance(tree.body[0], ast.Expr)
                             and isinstance(tree.body[0].value, ast.Constant)
                             and isinstance(tree.body[0].value.value, str)):
        raise HeaderError(relpath, 1, "missing metadata header (a module docstring holding TOML)")
    doc_node = tree.body[0]
    raw = doc_node.value.value
    first = doc_node.lineno  # the docstring's first content line is on this line
    raw_lines = raw.split("\n")

    def file_line(doc_line):  # 1-based line inside the docstring
        return first + doc_line - 1

    try:
        header = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_at(exc)
        raise HeaderError(relpath, file_line(line), f"bad TOML header: {reason}") from None

    key_lines = {}
    for i, text in enumerate(raw_lines, start=1):
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=", text)
        if m and m.group(1) not in key_lines:
            key_lines[m.group(1)] = file_line(i)

    def err(key, reason):
        raise HeaderError(relpath, key_lines.get(key, first), reason)

    for key in header:
        if key not in REQUIRED and key not in OPTIONAL:
            err(key, f"unknown header key {key!r} (allowed: {', '.join(list(REQUIRED) + list(OPTIONAL))})")
    for key, typ in REQUIRED.items():
        if key not in header:
            raise HeaderError(relpath, first, f"header lacks required key {key!r}")
    for key, typ in {**REQUIRED, **OPTIONAL}.items():
        if key in header and not isinstance(header[key], typ):
            err(key, f"{key!r} must be a {typ.__name__}")
    for key in ("clauses", "features"):
        if not all(isinstance(x, str) for x in header[key]):
            err(key, f"{key!r} must be a list of strings")
        if len(set(header[key])) != len(header[key]):
            err(key, f"{key!r} lists a name twice")
    if not header["clauses"]:
        err("clauses", "'clauses' must name at least one clause")
    sid = header["id"]
    area = path.parent.name
    if not ID_RE.match(sid):
        err("id", f"bad id {sid!r} (dotted lower-case words, e.g. \"{area}.some-rule\")")
    if sid.split(".", 1)[0] != area:
        err("id", f"id {sid!r} must start with the area (directory) name {area!r}")
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

    if not any(isinstance(n, ast.AsyncFunctionDef) and n.name == "main" for n in tree.body):
        raise HeaderError(relpath, first, "no `async def main()` at module level")

    return Scenario(
        id=sid, area=area, path=path, relpath=relpath, clauses=list(header["clauses"]),
        features=list(header["features"]), description=header["description"],
        min_version=header.get("min_version"), max_version=header.get("max_version"),
        unordered=[list(g) for g in unordered], source=source, key_lines=key_lines,
        header_line=first)


def scenario_files(scenarios_dir=None):
    root = Path(scenarios_dir or paths.SCENARIOS_DIR)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*.py") if not p.name.startswith("_"))


@dataclass
class BrokenScenario:
    """A scenario file the spec got wrong (unreadable header, syntax error,
    duplicate id, or, for runners that need IR, rejected by the compiler):
    reported as status `spec-error`, never run. Its id, clauses and features
    come from its header when that much can be read, else the id is
    `<area>.<file stem>`."""
    id: str
    area: str
    path: Path
    relpath: str
    clauses: list
    features: list
    error: str

    def result(self):
        return {"id": self.id, "area": self.area, "file": self.relpath, "clauses": self.clauses,
                "features": self.features, "status": "spec-error", "error": self.error}


def _salvage_header(path):
    """What can be read of a broken file's header: {} or {id, clauses, features}."""
    import io
    import tokenize

    try:
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        first = next(t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                                         tokenize.ENCODING))
        header = tomllib.loads(ast.literal_eval(first.string)) if first.type == tokenize.STRING else {}
    except Exception:  # noqa: BLE001 - best effort: the error itself is reported anyway
        return {}
    out = {}
    if isinstance(header.get("id"), str) and ID_RE.match(header["id"]):
        out["id"] = header["id"]
    for key in ("clauses", "features"):
        if isinstance(header.get(key), list) and all(isinstance(x, str) for x in header[key]):
            out[key] = list(header[key])
    return out


def broken(path, error, taken=()):
    """BrokenScenario for `path` whose problem is `error` (its str is `file:line: reason`)."""
    path = Path(path)
    area = path.parent.name
    header = _salvage_header(path)
    sid = header.get("id")
    if sid is None or sid in taken or sid.split(".", 1)[0] != area:
        sid = f"{area}.{path.stem}"
    return BrokenScenario(id=sid, area=area, path=path, relpath=paths.rel(path), clauses=header.get("clauses", []),
                          features=header.get("features", []), error=str(error))


def load_suite(scenarios_dir=None):
    """All scenarios (sorted by id) and the BrokenScenarios (sorted by id)."""
    scenarios, bad = [], []
    by_id = {}
    for path in scenario_files(scenarios_dir):
        try:
            sc = parse_scenario(path)
        except HeaderError as exc:
            bad.append((path, exc))
            continue
        if sc.id in by_id:
            bad.append((path, HeaderError(sc.relpath, sc.line_of("id"),
                                          f"duplicate id {sc.id!r} (also in {by_id[sc.id].relpath})")))
            continue
        by_id[sc.id] = sc
        scenarios.append(sc)
    scenarios.sort(key=lambda s: s.id)
    taken = set(by_id)
    broken_list = []
    for path, exc in bad:
        b = broken(path, exc, taken)
        taken.add(b.id)
        broken_list.append(b)
    broken_list.sort(key=lambda b: b.id)
    return scenarios, broken_list


def load_all(scenarios_dir=None):
    """All scenarios (sorted by id) and the list of their problems
    (`file:line: reason` strings)."""
    scenarios, bad = load_suite(scenarios_dir)
    return scenarios, [b.error for b in bad]


def parse_shard(text):
    """--shard K/N -> (K, N), 1 <= K <= N; ConfigError otherwise."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ConfigError(f"--shard {text!r}: expected K/N with 1 <= K <= N (e.g. 2/4)")
    return int(m.group(1)), int(m.group(2))


def cites(scenario, clause):
    """--clause X: the scenario cites clause X or a clause under it (X a dotted prefix)."""
    return any(c == clause or c.startswith(clause.rstrip(".") + ".") for c in scenario.clauses)


def select(scenarios, pattern=None, clauses=(), features=(), shard=None):
    """The scenarios (or BrokenScenarios) selected by every given selector:
    --filter (substring of id/area/file, or a regular expression), --clause
    (any of them, cites()), --feature (uses any of them), then --shard K/N:
    the K-th of N parts of what is left, by position in id order (stable:
    the N shards partition the selection, each scenario in exactly one)."""
    rx = None
    if pattern:
        try:
            rx = re.compile(pattern)
        except re.error:
            rx = None
    out = []
    for sc in scenarios:
        if pattern:
            hay = (sc.id, sc.area, sc.relpath)
            if not (any(pattern in h for h in hay) or (rx is not None and any(rx.search(h) for h in hay))):
                continue
        if clauses and not any(cites(sc, c) for c in clauses):
            continue
        if features and not set(features) & set(sc.features):
            continue
        out.append(sc)
    if shard:
        k, n = shard
        out = sorted(out, key=lambda s: s.id)[k - 1::n]
    return sorted(out, key=lambda s: s.id)


def require_selection(selected, args):
    """ConfigError when the selectors of `args` matched nothing (a run of
    nothing is not a green)."""
    if selected:
        return selected
    given = [f"--{name} {value}" for name in ("filter", "clause", "feature", "shard")
             for value in _as_list(getattr(args, name, None))]
    raise ConfigError("nothing matched " + (" ".join(given) if given else "(the suite is empty)")
                      + ": no scenario selected")


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
