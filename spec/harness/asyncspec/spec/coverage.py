"""coverage: which scenarios check which clause.

Exit 1 when a clause has no scenario or a scenario names an unknown clause
or feature; exit 2 (a spec error: nothing can be counted) when a clause,
feature or scenario file is malformed.
"""

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from .. import EXIT_GREEN, EXIT_RED, ConfigError
from . import clauses as clauses_mod
from . import scenarios as scenarios_mod


@dataclass
class Coverage:
    registry: dict
    scenarios: list
    by_clause: dict = field(default_factory=dict)      # clause id -> [scenario ids]
    problems: list = field(default_factory=list)       # "file:line: reason"
    malformed: list = field(default_factory=list)      # the files that cannot be read: "file:line: reason"

    @property
    def uncovered(self):
        return [c for c, scs in self.by_clause.items() if not scs]


def compute(scenarios_dir=None, clauses_dir=None, features_file=None):
    scs, header_errors = scenarios_mod.load_all(scenarios_dir)
    registry, reg_errors = clauses_mod.load_registry(clauses_dir)
    try:
        features = clauses_mod.load_features(features_file)
    except clauses_mod.RegistryError as exc:
        features, reg_errors = {}, reg_errors + [exc]
    cov = Coverage(registry=registry, scenarios=scs)
    cov.malformed.extend(str(e) for e in reg_errors)
    cov.malformed.extend(str(e) for e in header_errors)
    cov.problems.extend(cov.malformed)
    cov.by_clause = {cid: [] for cid in sorted(registry)}
    for sc in scs:
        for cid in sc.clauses:
            if cid in registry:
                cov.by_clause[cid].append(sc.id)
            else:
                cov.problems.append(f"{sc.relpath}:{sc.line_of('clauses')}: {sc.id}: unknown clause {cid!r}")
        for f in sc.features:
            if f not in features:
                cov.problems.append(f"{sc.relpath}:{sc.line_of('features')}: {sc.id}: unknown feature {f!r} "
                                    f"(add it to spec/features.toml first)")
    for cid in cov.uncovered:
        c = registry[cid]
        cov.problems.append(f"{c.file}:{c.line}: clause {cid} is covered by no scenario")
    return cov


def main(args):
    cov = compute(getattr(args, "scenarios", None), getattr(args, "clauses", None))
    if cov.malformed:
        raise ConfigError(*cov.malformed)
    areas = defaultdict(lambda: {"clauses": 0, "covered": 0, "scenarios": 0, "must": 0})
    for cid, c in cov.registry.items():
        a = areas[c.area]
        a["clauses"] += 1
        a["covered"] += bool(cov.by_clause[cid])
        a["must"] += c.level == "MUST"
    for sc in cov.scenarios:
        areas[sc.area]["scenarios"] += 1
    if getattr(args, "verbose", False):
        for cid, scs in cov.by_clause.items():
            c = cov.registry[cid]
            print(f"{cid}  [{c.level}, {c.versions}]")
            for sid in scs:
                print(f"    {sid}")
            if not scs:
                print("    (no scenario)")
        print()
    w = max([len(a) for a in areas] + [4])
    print(f"{'area':<{w}}  clauses  covered  MUST  scenarios")
    for name in sorted(areas):
        a = areas[name]
        print(f"{name:<{w}}  {a['clauses']:7d}  {a['covered']:7d}  {a['must']:4d}  {a['scenarios']:9d}")
    total_c = len(cov.registry)
    covered = total_c - len(cov.uncovered)
    print(f"{'total':<{w}}  {total_c:7d}  {covered:7d}  {sum(a['must'] for a in areas.values()):4d}  "
          f"{len(cov.scenarios):9d}")
    if cov.problems:
        print(f"\n{len(cov.problems)} problem(s):", file=sys.stderr)
        for p in cov.problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_RED
    print("\ncoverage OK: every clause has a scenario; every clause and feature named exists")
    return EXIT_GREEN
