"""bundle: one JSON file with everything a conformance runner needs.

    python3 spec/harness/cli.py bundle [-o out/asyncspec-bundle.json]

The bundle (conformance/PROTOCOL.md, "Bundle") holds, per scenario, its
metadata, its IR (spec/IR.md) and its expected traces per Python version, so
a runner in any language (the C++ GoogleTest suite, asyncspec-runner-*)
needs no Python at run time:

    {
      "bundle_version": 1, "suite_version": "0.1.0", "ir_version": 1,
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
import sys
import tomllib

from . import SUITE_VERSION, clauses as clauses_mod, compiler, paths
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


def clause_entries(scenarios):
    registry, _errors = clauses_mod.load_registry()
    by_clause = {cid: [] for cid in registry}
    for sc in sorted(scenarios, key=lambda s: s.id):
        for cid in sc.clauses:
            by_clause.setdefault(cid, []).append(sc.id)
    return [dict(registry[cid].as_dict(), scenarios=by_clause[cid]) for cid in sorted(registry)]


def build(scenarios, expected_dir=None):
    with open(paths.FEATURES_FILE, "rb") as f:
        features = tomllib.load(f).get("features", {})
    return {
        "clauses": clause_entries(scenarios),
        "bundle_version": BUNDLE_VERSION,
        "suite_version": SUITE_VERSION,
        "ir_version": compiler.IR_VERSION,
        "features": features,
        "scenarios": [scenario_entry(sc, expected_dir) for sc in sorted(scenarios, key=lambda s: s.id)],
    }


def main(args):
    scs, errors = scenarios_mod.load_all(args.scenarios)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    doc = build(scs, args.expected)
    missing = [s["id"] for s in doc["scenarios"] if s["ir"] is None]
    for s in doc["scenarios"]:
        if s["ir"] is None:
            print(f"error: {s['ir_error']}", file=sys.stderr)
    if missing and not getattr(args, "allow_missing_ir", False):
        return 1
    out = args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(doc, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"bundle: {len(doc['scenarios'])} scenarios -> {paths.rel(out)}", file=sys.stderr)
    return 1 if errors else 0
