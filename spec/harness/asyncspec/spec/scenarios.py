"""Scenario files: locate them and parse their TOML metadata header.

A scenario is spec/scenarios/<area>/<name>.py whose module docstring is a TOML
header (LANGUAGE.md). Any problem is reported as `file:line: reason`.
"""

import ast
import tomllib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import ConfigError, paths
from ..ir import header as header_mod
from ..ir.header import HeaderError, version_tuple  # noqa: F401 (part of this module's API)


@dataclass
class ScenarioFile:
    """What every scenario file has, whether it runs (Scenario) or not (BrokenScenario)."""
    id: str
    area: str
    path: Path
    relpath: str
    clauses: list
    features: list


@dataclass
class Scenario(ScenarioFile):
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
    h = header_mod.parse(tree, relpath, suite=True)
    area = path.parent.name
    if h.id.split(".", 1)[0] != area:
        raise HeaderError(relpath, h.key_lines.get("id", h.line),
                          f"id {h.id!r} must start with the area (directory) name {area!r}")
    first = h.line

    if not any(isinstance(n, ast.AsyncFunctionDef) and n.name == "main" for n in tree.body):
        raise HeaderError(relpath, first, "no `async def main()` at module level")

    return Scenario(
        id=h.id, area=area, path=path, relpath=relpath, clauses=h.clauses, features=h.features,
        description=h.description, min_version=h.min_version, max_version=h.max_version,
        unordered=h.unordered, source=source, key_lines=h.key_lines, header_line=first)


def scenario_files(scenarios_dir=None):
    root = Path(scenarios_dir or paths.SCENARIOS_DIR)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*.py") if not p.name.startswith("_"))


@dataclass
class BrokenScenario(ScenarioFile):
    """A scenario file the spec got wrong (unreadable header, syntax error,
    duplicate id, or, for runners that need IR, rejected by the compiler):
    reported as status `spec-error`, never run. Its id, clauses and features
    come from its header when that much can be read, else the id is
    `<area>.<file stem>`."""
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
    if isinstance(header.get("id"), str) and header_mod.ID_RE.match(header["id"]):
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
