"""Clause registry (spec/clauses/*.toml) and feature vocabulary (spec/features.toml)."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import ConfigError, FileError, paths, toml_error_at

LEVELS = ("MUST", "SHOULD", "IMPL-DEFINED")
REQUIRED = ("id", "level", "rule", "versions", "source")
OPTIONAL = ("catalogue", "notes")
VERSIONS_RE = re.compile(r"^3\.\d+(\+|-3\.\d+)?$")


class RegistryError(FileError):
    """A malformed clause or feature file (every command reading it exits 2)."""


@dataclass
class Clause:
    id: str
    area: str
    level: str
    rule: str
    versions: str
    source: str
    file: str
    line: int
    catalogue: str = None
    notes: str = None

    def as_dict(self):
        out = {"id": self.id, "area": self.area, "level": self.level, "rule": self.rule,
               "versions": self.versions, "source": self.source}
        if self.catalogue:
            out["catalogue"] = self.catalogue
        if self.notes:
            out["notes"] = self.notes
        return out


def _toml_error(relpath, exc):
    line, reason = toml_error_at(exc)
    return RegistryError(relpath, line, f"bad TOML: {reason}")


def load_clause_file(path):
    path = Path(path)
    relpath = paths.rel(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(relpath, exc) from None
    # Line of each [[clause]] table, to point errors at it.
    starts = [i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[clause]]"]
    area = path.stem
    out, errors = [], []
    extra = set(data) - {"clause"}
    if extra:
        errors.append(RegistryError(relpath, 1, f"unknown top-level key(s): {', '.join(sorted(extra))}"))
    entries = data.get("clause", [])
    if not isinstance(entries, list):
        return [], [RegistryError(relpath, 1, "'clause' must be an array of tables ([[clause]])")]
    for n, entry in enumerate(entries):
        line = starts[n] if n < len(starts) else 1
        missing = [k for k in REQUIRED if not isinstance(entry.get(k), str) or not entry.get(k)]
        if missing:
            errors.append(RegistryError(relpath, line, f"clause lacks {', '.join(missing)}"))
            continue
        unknown = set(entry) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            errors.append(RegistryError(relpath, line, f"unknown clause key(s): {', '.join(sorted(unknown))}"))
        cid = entry["id"]
        if cid.split(".", 1)[0] != area:
            errors.append(RegistryError(relpath, line, f"clause id {cid!r} must start with the area {area!r}"))
        if entry["level"] not in LEVELS:
            errors.append(RegistryError(relpath, line, f"clause {cid}: level must be one of {', '.join(LEVELS)}"))
        if not VERSIONS_RE.match(entry["versions"]):
            errors.append(RegistryError(relpath, line, f"clause {cid}: bad versions {entry['versions']!r} (\"3.11+\", \"3.11-3.12\")"))
        out.append(Clause(id=cid, area=area, level=entry["level"], rule=entry["rule"],
                          versions=entry["versions"], source=entry["source"], file=relpath,
                          line=line, catalogue=entry.get("catalogue"), notes=entry.get("notes")))
    return out, errors


def load_registry(clauses_dir=None):
    """{id: Clause} and a list of RegistryErrors."""
    root = Path(clauses_dir or paths.CLAUSES_DIR)
    registry, errors = {}, []
    for path in sorted(root.glob("*.toml")):
        try:
            clauses, errs = load_clause_file(path)
        except RegistryError as exc:
            errors.append(exc)
            continue
        errors.extend(errs)
        for c in clauses:
            if c.id in registry:
                errors.append(RegistryError(c.file, c.line, f"duplicate clause id {c.id!r} (also {registry[c.id].file}:{registry[c.id].line})"))
                continue
            registry[c.id] = c
    return registry, errors


def require_registry(clauses_dir=None):
    """{id: Clause}; raise ConfigError listing every problem of the clause
    files (for the commands that read clauses: nothing is judged on a
    registry the spec cannot load)."""
    registry, errors = load_registry(clauses_dir)
    if errors:
        raise ConfigError(*(str(e) for e in errors))
    return registry


def load_features(features_file=None):
    """{feature name: description}."""
    path = Path(features_file or paths.FEATURES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(paths.rel(path), exc) from None
    return dict(data.get("features", {}))
