"""bundle: one JSON file with everything a conformance runner needs.

    python3 spec/harness/cli.py bundle [-o out/asyncspec-bundle.json]

The bundle (conformance/PROTOCOL.md, "Bundle") holds, per scenario, its
metadata, its IR (spec/IR.md) and its expected traces per Python version, so
a runner in any language (the C++ GoogleTest suite, asyncspec-runner-*)
needs no Python at run time:

    {
      "bundle_version": 1, "suite_version": "0.1.0", "ir_version": 2,
      "features": {"name": "description", ...},
      "clauses": [{"id", "area", "level", "rule", "versions", "source",
                   "catalogue"?, "notes"?, "scenarios": [ids]}, ...],
      "scenarios": [
        {"id", "area", "file", "clauses", "features", "description", "unordered",
         "min_version"?, "max_version"?,
         "ir": {...} | null, "ir_error"?: "file:line: reason",
         "source_lines": {"<line>": "source text", ...},
         "expected": {"3.11": [events], ..., "3.13": [...]}}
      ]
    }

Scenarios are sorted by id. `expected` maps every recorded version to its
trace (version-scoped scenarios have different traces per version). A runner
with profile P uses expected[P]; when P is newer than every recorded version
(e.g. a threads scenario, which Pyodide cannot record for 3.14) it uses the
newest one (harness/expected.py, trace_for).
"""

import json
import os
import sys
import tempfile

from .. import EXIT_GREEN, SUITE_VERSION, ConfigError, paths
from ..ir import compiler
from . import clauses as clauses_mod
from . import expected as expected_mod
from . import scenarios as scenarios_mod

BUNDLE_VERSION = 1


def scenario_entry(sc, expected_dir=None):
    out = sc.meta()
    try:
        out["ir"] = compiler.compile_source(sc.source, sc.relpath)
    except compiler.CompileError as exc:
        out["ir"] = None
        out["ir_error"] = str(exc)
    lines = sc.source.split("\n")
    out["source_lines"] = {str(i): text for i, text in enumerate(lines, start=1) if text.strip()}
    try:
        doc = expected_mod.load(expected_mod.expected_path(sc.id, expected_dir))
        out["expected"] = expected_mod.traces_by_version(doc)
    except (OSError, ValueError):
        out["expected"] = {}
    return out


def clause_entries(scenarios, clauses_dir=None):
    registry = clauses_mod.require_registry(clauses_dir)
    by_clause = {cid: [] for cid in registry}
    for sc in sorted(scenarios, key=lambda s: s.id):
        for cid in sc.clauses:
            by_clause.setdefault(cid, []).append(sc.id)
    return [dict(registry[cid].as_dict(), scenarios=by_clause[cid]) for cid in sorted(registry)]


def build(scenarios, expected_dir=None, clauses_dir=None):
    """The bundle document; ConfigError when the clause files are malformed
    (a bundle never silently drops clauses)."""
    features = clauses_mod.load_features()
    return {
        "clauses": clause_entries(scenarios, clauses_dir),
        "bundle_version": BUNDLE_VERSION,
        "suite_version": SUITE_VERSION,
        "ir_version": compiler.IR_VERSION,
        "features": features,
        "scenarios": [scenario_entry(sc, expected_dir) for sc in sorted(scenarios, key=lambda s: s.id)],
    }


def main(args):
    """Exit 2 (nothing written) on a spec error: a malformed clause or
    scenario file, or a scenario the compiler rejects (unless
    --allow-missing-ir)."""
    scs, broken = scenarios_mod.load_suite(args.scenarios)
    if broken:
        raise ConfigError(*(b.error for b in broken))
    doc = build(scs, args.expected, args.clauses)
    missing = [s["ir_error"] for s in doc["scenarios"] if s["ir"] is None]
    if missing and not getattr(args, "allow_missing_ir", False):
        raise ConfigError(*missing)
    for m in missing:
        print(f"warning: {m} (written without IR)", file=sys.stderr)
    out = args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file of our own, then rename: readers never see half a bundle.
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, sort_keys=True) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    print(f"bundle: {len(doc['scenarios'])} scenarios -> {paths.rel(out)}", file=sys.stderr)
    return EXIT_GREEN
