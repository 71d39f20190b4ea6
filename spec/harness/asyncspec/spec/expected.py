"""Expected-trace files: spec/expected/<area>/<id>.json.

    {
      "id": "...", "file": "spec/scenarios/<area>/<name>.py",
      "recorded_with": {"3.11": "3.11.7", ...},
      "traces": [{"versions": ["3.11", "3.12"], "trace": [...]}, ...],
      "version_scoped": true | false
    }

Identical traces across versions are stored once; a scenario whose traces
differ between versions gets one entry per distinct trace and
"version_scoped": true. The text is canonical (sorted keys, one event per
line) so recording twice gives byte-identical files.
"""

import json
from pathlib import Path

from .. import paths
from .scenarios import version_tuple


def expected_path(scenario_id, expected_dir=None):
    area = scenario_id.split(".", 1)[0]
    return Path(expected_dir or paths.EXPECTED_DIR) / area / f"{scenario_id}.json"


def _dumps(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def dump(doc):
    """Canonical text of an expected-trace document."""
    out = ["{"]
    keys = sorted(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        if key == "traces":
            out.append('  "traces": [')
            for tn, entry in enumerate(doc["traces"]):
                out.append("    {")
                out.append(f'      "trace": [')
                trace = entry["trace"]
                for en, event in enumerate(trace):
                    out.append("        " + _dumps(event) + ("," if en < len(trace) - 1 else ""))
                out.append("      ],")
                out.append(f'      "versions": {_dumps(entry["versions"])}')
                out.append("    }" + ("," if tn < len(doc["traces"]) - 1 else ""))
            out.append("  ]" + comma)
        else:
            out.append(f"  {_dumps(key)}: {_dumps(doc[key])}{comma}")
    out.append("}")
    return "\n".join(out) + "\n"


def build(scenario, traces_by_version, python_by_version):
    """traces_by_version: {"3.X": trace}. Groups identical traces."""
    groups = []
    for v in sorted(traces_by_version, key=version_tuple):
        key = _dumps(traces_by_version[v])
        for g in groups:
            if g[0] == key:
                g[1].append(v)
                break
        else:
            groups.append((key, [v]))
    return {
        "id": scenario.id,
        "file": scenario.relpath,
        "recorded_with": {v: python_by_version[v] for v in sorted(python_by_version, key=version_tuple)},
        "traces": [{"versions": vs, "trace": traces_by_version[vs[0]]} for _, vs in groups],
        "version_scoped": len(groups) > 1,
    }


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def traces_by_version(doc):
    out = {}
    for entry in doc.get("traces", []):
        for v in entry["versions"]:
            out[v] = entry["trace"]
    return out


def trace_for(doc, profile):
    """The expected trace for profile "3.X": the entry naming that version;
    else, for a profile newer than every recorded version, the newest one
    (e.g. a threads scenario that Pyodide cannot record for 3.14). None when
    the scenario has no expectation for that profile."""
    by_version = traces_by_version(doc)
    if profile in by_version:
        return by_version[profile]
    older = [v for v in by_version if version_tuple(v) < version_tuple(profile)]
    if older and all(version_tuple(v) < version_tuple(profile) for v in by_version):
        return by_version[max(older, key=version_tuple)]
    return None
