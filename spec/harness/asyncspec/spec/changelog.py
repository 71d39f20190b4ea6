"""The changelog of asyncio's task semantics, generated from the spec:
spec/CHANGELOG-asyncio.md lists, per version step (3.11 -> 3.12, ...), the
clauses whose rule changed, with the scenarios whose recorded traces show it
and the reference's profile rule implementing it.

    asyncspec changelog [--check] [-o FILE]

Sources, never written by hand:
- a clause's `versions` (spec/clauses): "3.13+" is a rule new in 3.13,
  "3.11-3.12" one that no longer holds in 3.13;
- the recorded traces (spec/expected): a scenario whose traces for the two
  versions of a step differ is evidence that a clause it cites changed
  there (attributed to its version-dependent clauses when it cites several:
  a versions bound, a profile rule, notes saying "version difference");
  a scenario whose min_version is the newer version shows a new API;
- reference/include/asyncio/profile.hpp: each named rule (`constexpr bool
  NAME() const { return at_least(13); }`) with the clause ids its comment
  names, and the versions it holds for (evaluated from its return
  expression); a rule flipping at a step is an entry even when no recorded
  trace differs there (the entry says so).

Also here: which versions a clause's `versions` field covers (`versions_of`),
used by the fuzzer to leave out constructs a version lacks.
"""

import difflib
import os
import re
import sys
from pathlib import Path

from .. import EXIT_GREEN, EXIT_RED, ConfigError, paths
from ..ir.header import version_tuple
from ..runtimes import ORACLE_VERSIONS
from . import clauses as clauses_mod
from . import scenarios as scenarios_mod

CHANGELOG_FILE = paths.SPEC_DIR / "CHANGELOG-asyncio.md"
PROFILE_HPP = paths.REPO_DIR / "reference" / "include" / "asyncio" / "profile.hpp"


# ------------------------------------------------------------ version ranges

def versions_of(spec, known=ORACLE_VERSIONS):
    """The versions of `known` a clause's `versions` field covers:
    "3.12+" (from 3.12 on), "3.11-3.12" (inclusive), "3.13" (that one)."""
    spec = spec.strip()
    if spec.endswith("+"):
        lo, hi = version_tuple(spec[:-1]), None
    elif "-" in spec:
        a, b = spec.split("-", 1)
        lo, hi = version_tuple(a), version_tuple(b)
    else:
        lo = hi = version_tuple(spec)
    return tuple(v for v in known if version_tuple(v) >= lo and (hi is None or version_tuple(v) <= hi))


def holds_in(spec, version):
    """Does a clause with this `versions` field hold in Python `version`?"""
    return version in versions_of(spec, known=(version,))


def steps(known=ORACLE_VERSIONS):
    """[(older, newer)] for consecutive versions."""
    return list(zip(known, known[1:]))


def span(versions, known=ORACLE_VERSIONS):
    """A short name for a set of versions: "3.13+", "3.13 only", "3.11-3.12", "3.11, 3.13"."""
    vs = [v for v in known if v in versions]
    if not vs:
        return "none"
    idx = [known.index(v) for v in vs]
    if len(vs) == 1 and vs[0] != known[-1]:
        return f"{vs[0]} only"
    if idx == list(range(idx[0], idx[-1] + 1)):
        if vs[-1] == known[-1]:
            return f"{vs[0]}+"
        return f"{vs[0]}-{vs[-1]}"
    return ", ".join(vs)


# ------------------------------------------------------- reference profiles

# clause ids followed by the versions they hold for: "a.b-c, d.e (3.13+):"
_SECTION_RE = re.compile(r"((?:[a-z_]+(?:\.[a-z0-9_-]+)+)(?:,\s*[a-z_]+(?:\.[a-z0-9_-]+)+)*)\s*\((3\.\d+[^)]*)\):")
_RULE_RE = re.compile(r"^\s*constexpr\s+bool\s+(\w+)\(\)\s+const\s*\{\s*return\s+(.+?);\s*\}")


class ProfileError(ConfigError):
    pass


def _holds(expr, minor, where):
    """Evaluate a rule's C++ return expression (at_least(N), minor_, ==, <,
    &&, ||, !) for one minor version."""
    import ast

    py = re.sub(r"at_least\((\d+)\)", r"(m >= \1)", expr)
    py = py.replace("minor_", "m").replace("&&", " and ").replace("||", " or ")
    py = re.sub(r"!(?!=)", " not ", py)
    try:
        tree = ast.parse(py.strip(), mode="eval")
    except SyntaxError:
        raise ProfileError(f"{where}: cannot read the rule's expression {expr!r}") from None
    allowed = (ast.Expression, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Not, ast.And, ast.Or, ast.Name,
               ast.Load, ast.Constant, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
    for node in ast.walk(tree):
        if not isinstance(node, allowed) or (isinstance(node, ast.Name) and node.id != "m"):
            raise ProfileError(f"{where}: cannot read the rule's expression {expr!r}")
    return bool(eval(compile(tree, where, "eval"), {"__builtins__": {}}, {"m": minor}))  # noqa: S307 (checked above)


def parse_profile(text, where="profile.hpp", known=ORACLE_VERSIONS):
    """The named rules of reference/include/asyncio/profile.hpp:
    [{"name", "line", "holds": (versions), "clauses": [ids], "comment"}].
    A rule's clauses are the ids its comment names before "(3.X...):";
    a section "ids (3.X+): see OTHER_RULE." gives those ids to OTHER_RULE."""
    rules, block = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s.startswith("//"):
            body = s[2:].strip()
            if not body.startswith("----"):
                block.append(body)
            continue
        m = _RULE_RE.match(line)
        if m:
            comment = " ".join(block)
            holds = tuple(v for v in known if _holds(m.group(2), int(v.split(".")[1]), f"{where}:{n}"))
            rules.append({"name": m.group(1), "line": n, "holds": holds, "comment": comment,
                          "sections": _sections(comment)})
        block = []
    names = {r["name"] for r in rules}
    for r in rules:
        r["clauses"] = []
    by_name = {r["name"]: r for r in rules}
    for r in rules:
        for ids, text_ in r.pop("sections"):
            see = re.match(r"see (\w+)", text_)
            owner = by_name[see.group(1)] if see and see.group(1) in names else r
            for cid in ids:
                if cid not in owner["clauses"]:
                    owner["clauses"].append(cid)
    return rules


def _sections(comment):
    """[(clause ids, the text after "(versions):" up to the next section)]."""
    found = list(_SECTION_RE.finditer(comment))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(comment)
        ids = [x.strip() for x in m.group(1).split(",")]
        out.append((ids, comment[m.end():end].strip()))
    return out


def load_profile(path=None):
    path = Path(path or PROFILE_HPP)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"{paths.rel(path)}: cannot read: {exc}") from None
    return parse_profile(text, paths.rel(path))


# ------------------------------------------------------------------ changes

_VERSION_NOTE = re.compile(r"version difference", re.I)


def version_dependent(clause, rules_by_clause, known=ORACLE_VERSIONS):
    """Is a clause marked as differing between versions: a versions bound, a
    profile rule, or notes saying "version difference"?"""
    return (versions_of(clause.versions, known) != tuple(known) or clause.id in rules_by_clause
            or bool(_VERSION_NOTE.search(clause.notes or "")))


def collect(registry, scenarios, expected_dir=None, rules=(), known=ORACLE_VERSIONS):
    """-> {(older, newer): {clause id: {"kinds": set, "scenarios": {scenario id: why}, "rules": [rule]}}}
    and the problems found ({"unknown_rule_clauses": [...], "unattributed": [...]})."""
    from . import expected as expected_mod

    rules_by_clause = {}
    unknown = []
    for r in rules:
        for cid in r["clauses"]:
            rules_by_clause.setdefault(cid, []).append(r)
            if cid not in registry:
                unknown.append(f"{r['name']}: {cid}")
    changes = {step: {} for step in steps(known)}

    def entry(step, cid):
        return changes[step].setdefault(cid, {"kinds": set(), "scenarios": {}, "rules": []})

    by_id = {sc.id: sc for sc in scenarios}
    unattributed = []
    for sc in scenarios:
        cited = [cid for cid in sc.clauses if cid in registry]
        marked = [cid for cid in cited if version_dependent(registry[cid], rules_by_clause, known)]
        path = expected_mod.expected_path(sc.id, expected_dir)
        tbv = expected_mod.traces_by_version(expected_mod.load(path)) if path.exists() else {}
        for a, b in steps(known):
            if a in tbv and b in tbv and tbv[a] != tbv[b]:
                if not marked:
                    unattributed.append(f"{sc.id} ({a} -> {b})")
                for cid in marked or cited:
                    e = entry((a, b), cid)
                    e["kinds"].add("traces")
                    e["scenarios"][sc.id] = "traces"
            # a scenario that starts (or stops) running at the step shows the
            # clauses that start (stop) holding there, else its marked ones
            if sc.min_version == b:
                for cid in [cid for cid in marked if b in versions_of(registry[cid].versions, known)
                            and a not in versions_of(registry[cid].versions, known)] or marked:
                    e = entry((a, b), cid)
                    e["kinds"].add("from")
                    e["scenarios"].setdefault(sc.id, "from")
            if sc.max_version == a:
                for cid in [cid for cid in marked if a in versions_of(registry[cid].versions, known)
                            and b not in versions_of(registry[cid].versions, known)] or marked:
                    e = entry((a, b), cid)
                    e["kinds"].add("until")
                    e["scenarios"].setdefault(sc.id, "until")
    for cid, c in registry.items():
        holds = versions_of(c.versions, known)
        for a, b in steps(known):
            if (a in holds) != (b in holds):
                e = entry((a, b), cid)
                e["kinds"].add("new" if b in holds else "ended")
                for sid in (s.id for s in scenarios if cid in s.clauses):
                    e["scenarios"].setdefault(sid, "cites")
        for r in rules_by_clause.get(cid, ()):
            for a, b in steps(known):
                if (a in r["holds"]) != (b in r["holds"]):
                    e = entry((a, b), cid)
                    e["kinds"].add("rule")
                    e["rules"].append(r)
    # rules only: the clause's other scenarios are shown for reference
    for step, entries in changes.items():
        for cid, e in entries.items():
            if not e["scenarios"]:
                for sid in (s.id for s in scenarios if cid in s.clauses):
                    e["scenarios"][sid] = "cites"
            for r in rules_by_clause.get(cid, ()):
                if r not in e["rules"]:
                    e["rules"].append(r)
    assert all(sid in by_id for entries in changes.values() for e in entries.values() for sid in e["scenarios"])
    return changes, {"unknown_rule_clauses": unknown, "unattributed": unattributed}


# ------------------------------------------------------------------- page

def _oneline(text):
    return " ".join((text or "").split())


def _link(target, page_dir):
    return Path(os.path.relpath(Path(target).resolve(), Path(page_dir).resolve())).as_posix()


def render(registry, scenarios, changes, problems, rules, expected_dir=None,
           profile_path=None, known=ORACLE_VERSIONS):
    """The Markdown page."""
    from . import expected as expected_mod

    # links are relative to the page's home, spec/, wherever -o writes it
    page_dir = CHANGELOG_FILE.parent
    profile_path = Path(profile_path or PROFILE_HPP)
    by_id = {sc.id: sc for sc in scenarios}
    rel_profile = _link(profile_path, page_dir)
    out = [
        "# Changelog of asyncio's task semantics",
        "",
        "<!-- Generated by `asyncspec changelog` from spec/clauses, spec/scenarios, spec/expected and",
        "     reference/include/asyncio/profile.hpp: do not edit; `asyncspec changelog` rewrites it and",
        "     a harness self-test fails when it is stale. -->",
        "",
        "What changed in asyncio's task semantics from one Python version to the next, as",
        "executable evidence: each entry is a clause of the spec (its rule as written in",
        "`spec/clauses/`), the scenarios whose traces, recorded from the interpreters",
        f"({', '.join(known)}), show the change, and the rule of the C++ reference's profile",
        f"([profile.hpp]({rel_profile})) that reproduces it.",
        "",
        "An entry's evidence, per scenario:",
        "",
        "- **traces differ**: the scenario's recorded traces for the two versions differ;",
        "- **runs from** / **runs until**: the scenario's `min_version` / `max_version` is the",
        "  newer / older version of the step (an API that appears or goes);",
        "- **cites the clause**: the clause itself is new or ends at the step (its `versions`),",
        "  or only the reference's profile rule changes there (no recorded trace differs).",
        "",
        "A scenario whose traces differ and that cites several clauses counts for the",
        "version-dependent ones among them (a `versions` bound, a profile rule, or notes",
        "saying \"version difference\").",
        "",
        "| step | clauses changed | new | ended | scenarios whose traces differ | profile rules changing |",
        "|---|---|---|---|---|---|",
    ]
    for (a, b), entries in changes.items():
        new = sum(1 for e in entries.values() if "new" in e["kinds"])
        ended = sum(1 for e in entries.values() if "ended" in e["kinds"])
        differ = {sid for e in entries.values() for sid, why in e["scenarios"].items() if why == "traces"}
        flip = {r["name"] for e in entries.values() for r in e["rules"] if (a in r["holds"]) != (b in r["holds"])}
        out.append(f"| [{a} → {b}](#{_anchor(a, b)}) | {len(entries)} | {new} | {ended} | {len(differ)} | {len(flip)} |")
    for (a, b), entries in changes.items():
        out += ["", f"## {a} → {b}", ""]
        if not entries:
            out.append("No clause changed.")
            continue
        for cid in sorted(entries):
            e = entries[cid]
            c = registry.get(cid)
            if c is None:
                continue
            what = ("new in " + b if "new" in e["kinds"] else f"no longer holds in {b}" if "ended" in e["kinds"]
                    else "behaviour changed")
            out += [f"### `{cid}`", "",
                    f"- **{what}**; clause versions `{c.versions}`, {c.level}, "
                    f"[{c.file.split('/')[-1]}:{c.line}]({_link(paths.REPO_DIR / c.file, page_dir)}#L{c.line})",
                    f"- Rule: {_oneline(c.rule)}"]
            if c.notes:
                out.append(f"- Notes: {_oneline(c.notes)}")
            for r in e["rules"]:
                flips = (a in r["holds"]) != (b in r["holds"])
                out.append(f"- Reference profile rule: [`{r['name']}()`]({rel_profile}#L{r['line']}), true in "
                           f"{span(r['holds'], known)}" + (f" (changes at this step)" if flips else
                                                          " (does not change at this step)"))
            if not e["kinds"] & {"traces", "new", "ended", "from", "until"}:
                out.append("- No recorded trace differs at this step: only the reference's profile rule "
                           "changes here (no scenario isolates it yet).")
            out.append("- Evidence:")
            for sid in sorted(e["scenarios"]):
                sc = by_id[sid]
                why = e["scenarios"][sid]
                exp = expected_mod.expected_path(sid, expected_dir)
                link = f"[`{sid}`]({_link(sc.path, page_dir)})"
                if exp.exists():
                    link += f" ([expected]({_link(exp, page_dir)}))"
                if why == "traces":
                    groups = [g["versions"] for g in expected_mod.load(exp)["traces"]]
                    desc = "traces differ: " + " | ".join(", ".join(g) for g in groups)
                elif why == "from":
                    desc = f"runs from {sc.min_version} (min_version)"
                elif why == "until":
                    desc = f"runs until {sc.max_version} (max_version)"
                else:
                    desc = "cites the clause"
                out.append(f"  - {link}: {desc}")
            out.append("")
        while out[-1] == "":
            out.pop()
    if problems["unattributed"] or problems["unknown_rule_clauses"]:
        out += ["", "## Problems", ""]
        for p in problems["unattributed"]:
            out.append(f"- traces differ but no cited clause is marked version-dependent: {p}")
        for p in problems["unknown_rule_clauses"]:
            out.append(f"- profile rule names an unknown clause: {p}")
    return "\n".join(out) + "\n"


def _anchor(a, b):
    return f"{a}--{b}".replace(".", "")


def build(scenarios_dir=None, expected_dir=None, clauses_dir=None, profile_path=None):
    """-> (page text, changes, problems)."""
    registry = clauses_mod.require_registry(clauses_dir)
    scenarios, bad = scenarios_mod.load_suite(scenarios_dir)
    if bad:
        raise ConfigError(*(b.error for b in bad))
    rules = load_profile(profile_path)
    changes, problems = collect(registry, scenarios, expected_dir, rules)
    text = render(registry, scenarios, changes, problems, rules, expected_dir, profile_path)
    return text, changes, problems


def add_arguments(ap):
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 when the checked-in page is stale")
    ap.add_argument("-o", "--output", type=Path, default=None,
                    help=f"the page (default {paths.rel(CHANGELOG_FILE)})")


def main(args):
    page = Path(args.output or CHANGELOG_FILE)
    text, changes, problems = build(getattr(args, "scenarios", None), getattr(args, "expected", None),
                                    getattr(args, "clauses", None))
    counts = ", ".join(f"{a} -> {b}: {len(e)}" for (a, b), e in changes.items())
    if args.check:
        try:
            current = page.read_text(encoding="utf-8")
        except OSError:
            current = ""
        if current != text:
            diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), paths.rel(page),
                                             "generated", lineterm="", n=1))
            print("\n".join(diff[:40]) + ("\n..." if len(diff) > 40 else ""))
            print(f"changelog: {paths.rel(page)} is stale: regenerate with `asyncspec changelog`", file=sys.stderr)
            return EXIT_RED
        print(f"changelog: {paths.rel(page)} is up to date (clauses changed per step: {counts})")
        return EXIT_GREEN
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    print(f"changelog: wrote {paths.rel(page)} (clauses changed per step: {counts})")
    for p in problems["unattributed"] + problems["unknown_rule_clauses"]:
        print(f"warning: {p}", file=sys.stderr)
    return EXIT_GREEN
