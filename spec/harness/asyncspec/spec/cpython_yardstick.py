"""coverage --cpython: the yardstick, CPython's own asyncio tests.

spec/cpython/<test file>.toml maps every test method of an in-scope
test_asyncio file of CPython 3.13 to the scenarios asserting the same
behaviour, or says why it is out of scope, or what is missing (uncovered).
This module enumerates the test methods from the CPython sources (with
`ast`, never importing them), checks the tables against them and against
the scenarios, and prints covered / in scope per file and in total.

Table entries, one per test method, keyed "Class.test_method":

    "BaseTaskTests.test_cancel" = { scenarios = ["cancel.before-first-step"] }   # covered
    "BaseTaskTests.test_task_repr" = { out_of_scope = "repr text" }    # one line: why it is not task semantics
    "BaseTaskTests.test_get_coro" = { uncovered = "introspection: ..." }   # in scope, no scenario yet

(or the same as a table, ["Class.test_method"] with the field below it).
The text of `uncovered` before its first ':' names the area it needs; -v
counts the uncovered tests per area.

A table may restrict itself to some classes of its test file (the
scheduling-order classes of test_base_events and test_events):
`meta = { classes = ["BaseEventLoopTests", ...] }` (before the entries).

Exit 0 when every method is mapped and every mapped scenario exists (and
the total reaches --min-percent); 1 on a method missing from a table, a
table naming a method that does not exist, or an unknown scenario id (or
below --min-percent); 2 on a malformed table (file:line: reason) or no
CPython 3.13 test directory.
"""

import ast
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import EXIT_GREEN, EXIT_RED, ConfigError, FileError, paths, toml_error_at
from . import scenarios as scenarios_mod

VERSION = "3.13"
GOAL_PERCENT = 90.0
TABLE_DIR = paths.SPEC_DIR / "cpython"
# The in-scope test files of test_asyncio (issue 14); the table of each is
# spec/cpython/<name>.toml.
TEST_FILES = (
    "test_tasks", "test_taskgroups", "test_timeouts", "test_waitfor", "test_eager_task_factory",
    "test_futures", "test_futures2", "test_locks", "test_queues", "test_runners", "test_context",
    "test_threads", "test_pep492", "test_base_events", "test_events",
)
KINDS = ("scenarios", "out_of_scope", "uncovered")
KEY_RE = re.compile(r"[A-Za-z_]\w*\.test\w*")


# ---------------------------------------------------------------- enumeration

@dataclass
class TestMethod:
    cls: str            # the class defining it (a mixin for C/Python variants)
    name: str
    line: int
    concrete: list = field(default_factory=list)   # the TestCase classes running it, when cls is a mixin

    @property
    def key(self):
        return f"{self.cls}.{self.name}"


def _base_names(node):
    out = []
    for b in node.bases:
        if isinstance(b, ast.Name):
            out.append(b.id)
        elif isinstance(b, ast.Attribute):
            out.append(b.attr)
    return out


_TESTCASE_ROOTS = {"TestCase", "IsolatedAsyncioTestCase"}


def enumerate_source(source, filename="<test>"):
    """Every test method of one test module's source: [TestMethod] in
    source order. A method counts when its class is a TestCase (unittest's,
    or a class deriving from one, test_utils.TestCase included) or a mixin
    that a TestCase of the module inherits; a method inherited by several
    TestCases is listed once, under the class that defines it (`concrete`:
    the TestCases running it). Only module-level classes; a method defined
    twice in a class counts once (the last definition is the one that runs).
    Classes inside module-level if/try blocks (platform variants) count too."""
    tree = ast.parse(source, filename)
    classes = {}

    def collect(body):      # module level, and inside module-level if/try blocks (platform variants)
        for n in body:
            if isinstance(n, ast.ClassDef):
                classes.setdefault(n.name, n)
            elif isinstance(n, ast.If):
                collect(n.body)
                collect(n.orelse)
            elif isinstance(n, ast.Try):
                collect(n.body)
                collect(n.orelse)
                collect(n.finalbody)
                for h in n.handlers:
                    collect(h.body)

    collect(tree.body)
    bases = {name: _base_names(node) for name, node in classes.items()}

    is_case = {}

    def testcase(name, seen=()):
        if name in is_case:
            return is_case[name]
        if name not in classes:
            return name in _TESTCASE_ROOTS
        if name in seen:
            return False
        r = any(testcase(b, seen + (name,)) for b in bases[name])
        is_case[name] = r
        return r

    def ancestors(name, seen=None):
        seen = set() if seen is None else seen
        for b in bases.get(name, []):
            if b in classes and b not in seen:
                seen.add(b)
                ancestors(b, seen)
        return seen

    # Which TestCase classes run each module-level class's methods.
    runners = {name: [] for name in classes}
    for name in classes:
        if testcase(name):
            runners[name].append(name)
            for a in ancestors(name):
                runners[a].append(name)
    methods = []
    for name, node in classes.items():
        if not runners[name]:
            continue        # a helper class no TestCase inherits
        defs = {}
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                defs[item.name] = item.lineno
        concrete = [] if runners[name] == [name] else sorted(r for r in runners[name] if r != name)
        for meth, line in defs.items():
            methods.append(TestMethod(name, meth, line, concrete))
    return methods


def enumerate_file(path):
    path = Path(path)
    return enumerate_source(path.read_text(encoding="utf-8"), str(path))


def find_tests_dir(tests_dir=None):
    """The test_asyncio directory of CPython 3.13: --tests-dir, else the one
    beside the interpreter the harness's finder picks for 3.13."""
    from ..runtimes import pythons

    if tests_dir:
        d = Path(tests_dir)
        if not (d / "test_tasks.py").is_file():
            raise ConfigError(f"--tests-dir {d}: no test_tasks.py there (want CPython's Lib/test/test_asyncio)")
        return d
    exe = pythons.find_python(VERSION)
    if exe is None:
        raise ConfigError(f"no CPython {VERSION} found (pyenv or system); pass --tests-dir DIR")
    exe = Path(exe)
    # <prefix>/bin/python3 -> <prefix>/lib/python3.13/test/test_asyncio; the
    # interpreter is asked only when the usual layout is not there.
    d = exe.resolve().parent.parent / "lib" / f"python{VERSION}" / "test" / "test_asyncio"
    if not (d / "test_tasks.py").is_file():
        import subprocess

        try:
            out = subprocess.run([str(exe), "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                                 capture_output=True, text=True, timeout=30)
            d = Path(out.stdout.strip()) / "test" / "test_asyncio"
        except (OSError, subprocess.SubprocessError):
            pass
    if not (d / "test_tasks.py").is_file():
        raise ConfigError(f"CPython {VERSION} ({exe}) has no test_asyncio tests (its test package is not "
                          f"installed); pass --tests-dir DIR")
    return d


# ---------------------------------------------------------------- the tables

@dataclass
class Entry:
    key: str
    kind: str           # scenarios | out_of_scope | uncovered
    value: object       # [scenario ids] or the reason
    line: int


@dataclass
class Table:
    name: str           # test file name, e.g. test_tasks
    file: Path
    entries: dict       # key -> Entry
    classes: list = None   # restricted to these classes (meta.classes), else every class


def _rel(path):
    try:
        return paths.rel(path)
    except Exception:   # noqa: BLE001 - a path outside the repository is reported as given
        return str(path)


def _key_lines(text):
    """The line of each table header `["Key"]` / `[Key]` (tomllib keeps no positions)."""
    lines = {}
    for i, raw in enumerate(text.splitlines(), 1):
        m = (re.match(r'\s*\[\s*(?:"([^"]+)"|([A-Za-z_][\w.]*))\s*\]\s*(#.*)?$', raw)
             or re.match(r'\s*(?:"([^"]+)"|([A-Za-z_][\w]*))\s*=', raw))
        if m:
            lines.setdefault(m.group(1) or m.group(2), i)
    return lines


def load_table(path, name=None):
    """One table file -> Table; FileError (file:line: reason) when malformed."""
    path = Path(path)
    rel = _rel(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_at(exc)
        raise FileError(rel, line, f"bad TOML: {reason}") from None
    lines = _key_lines(text)
    meta = data.pop("meta", {})
    classes = None
    if meta:
        if not isinstance(meta, dict) or set(meta) - {"classes"}:
            raise FileError(rel, lines.get("meta", 1), "meta takes only classes = [...]")
        classes = meta.get("classes")
        if not (isinstance(classes, list) and classes and all(isinstance(c, str) for c in classes)):
            raise FileError(rel, lines.get("meta", 1), "meta: classes must be a non-empty list of class names")
    entries = {}
    for key, body in data.items():
        line = lines.get(key, 1)
        if not KEY_RE.fullmatch(key):
            hint = " (quote a dotted key: \"Class.test_method\" = {...})" if isinstance(body, dict) else ""
            raise FileError(rel, line, f"entry {key!r}: want a key \"Class.test_method\"{hint}")
        if not isinstance(body, dict):
            raise FileError(rel, line, f"entry {key!r}: want a table with one of {', '.join(KINDS)}")
        kinds = [k for k in body if k in KINDS]
        extra = [k for k in body if k not in KINDS]
        if extra:
            raise FileError(rel, line, f"entry {key!r}: unknown field(s) {', '.join(extra)} "
                                       f"(one of {', '.join(KINDS)})")
        if len(kinds) != 1:
            raise FileError(rel, line, f"entry {key!r}: want exactly one of {', '.join(KINDS)}, "
                                       f"got {len(kinds) or 'none'}")
        kind = kinds[0]
        value = body[kind]
        if kind == "scenarios":
            if not (isinstance(value, list) and value and all(isinstance(s, str) and s for s in value)):
                raise FileError(rel, line, f"entry {key!r}: scenarios must be a non-empty list of scenario ids")
        elif not (isinstance(value, str) and value.strip() and "\n" not in value):
            raise FileError(rel, line, f"entry {key!r}: {kind} must be a one-line reason")
        entries[key] = Entry(key, kind, value, line)
    return Table(name or path.stem, path, entries, classes)


def load_tables(table_dir=None):
    table_dir = Path(table_dir) if table_dir else TABLE_DIR
    tables, missing = {}, []
    for name in TEST_FILES:
        f = table_dir / f"{name}.toml"
        if f.is_file():
            tables[name] = load_table(f, name)
        else:
            missing.append(name)
    return tables, missing


# ---------------------------------------------------------------- the check

@dataclass
class FileCount:
    name: str
    covered: int = 0
    out_of_scope: int = 0
    uncovered: int = 0

    @property
    def in_scope(self):
        return self.covered + self.uncovered


@dataclass
class Result:
    counts: list = field(default_factory=list)       # [FileCount] in TEST_FILES order
    problems: list = field(default_factory=list)     # "file:line: reason"
    uncovered_themes: dict = field(default_factory=dict)   # theme (text before ':') -> count

    @property
    def covered(self):
        return sum(c.covered for c in self.counts)

    @property
    def in_scope(self):
        return sum(c.in_scope for c in self.counts)

    @property
    def percent(self):
        return 100.0 * self.covered / self.in_scope if self.in_scope else 0.0


def check(tests_dir, table_dir=None, scenario_ids=None, test_files=TEST_FILES, scenarios_dir=None):
    """Compare the tables with the test sources and the scenarios -> Result."""
    table_dir = Path(table_dir) if table_dir else TABLE_DIR
    if scenario_ids is None:
        scs, errors = scenarios_mod.load_all(scenarios_dir)
        if errors:
            raise ConfigError(*(str(e) for e in errors))
        scenario_ids = {sc.id for sc in scs}
    res = Result()
    for name in test_files:
        src = Path(tests_dir) / f"{name}.py"
        tfile = table_dir / f"{name}.toml"
        if not src.is_file():
            raise ConfigError(f"{src}: no such test file in the CPython test directory")
        if not tfile.is_file():
            res.problems.append(f"{_rel(tfile)}:1: no table for {name}.py")
            continue
        table = load_table(tfile, name)
        methods = enumerate_file(src)
        if table.classes is not None:
            known = {m.cls for m in methods}
            for c in table.classes:
                if c not in known:
                    res.problems.append(f"{_rel(tfile)}:1: meta classes names {c!r}, "
                                        f"not a test class of {name}.py")
            methods = [m for m in methods if m.cls in table.classes]
        count = FileCount(name)
        keys = set()
        for m in methods:
            keys.add(m.key)
            e = table.entries.get(m.key)
            if e is None:
                res.problems.append(f"{_rel(tfile)}: {m.key} ({name}.py:{m.line}) is missing from the table")
                continue
            if e.kind == "scenarios":
                unknown = [s for s in e.value if s not in scenario_ids]
                for s in unknown:
                    res.problems.append(f"{_rel(tfile)}:{e.line}: {m.key}: unknown scenario {s!r}")
                count.covered += 1
            elif e.kind == "out_of_scope":
                count.out_of_scope += 1
            else:
                count.uncovered += 1
                theme = e.value.split(":", 1)[0].strip() if ":" in e.value else "other"
                res.uncovered_themes[theme] = res.uncovered_themes.get(theme, 0) + 1
        for key, e in table.entries.items():
            if key not in keys:
                res.problems.append(f"{_rel(tfile)}:{e.line}: {key} is not a test method of {name}.py"
                                    + (" (in the classes of meta)" if table.classes is not None else ""))
        res.counts.append(count)
    return res


def main(args):
    table_dir = Path(getattr(args, "cpython_tables", None) or TABLE_DIR)
    if not table_dir.is_dir():
        raise ConfigError(f"{_rel(table_dir)}: no such directory (the yardstick tables, spec/cpython/)")
    tests_dir = find_tests_dir(getattr(args, "tests_dir", None))
    res = check(tests_dir, table_dir,
                test_files=getattr(args, "cpython_test_files", None) or TEST_FILES,
                scenarios_dir=getattr(args, "scenarios", None))
    w = max([len(c.name) for c in res.counts] + [4])
    print(f"{'file':<{w}}  covered  in scope  out of scope  uncovered")
    for c in res.counts:
        pct = f"{100.0 * c.covered / c.in_scope:5.1f}%" if c.in_scope else "    -"
        print(f"{c.name:<{w}}  {c.covered:7d}  {c.in_scope:8d}  {c.out_of_scope:12d}  {c.uncovered:9d}  {pct}")
    if res.uncovered_themes and getattr(args, "verbose", False):
        print("\nuncovered, by what is missing:")
        for theme, n in sorted(res.uncovered_themes.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:4d}  {theme}")
    rc = EXIT_GREEN
    if res.problems:
        print(f"\n{len(res.problems)} problem(s):", file=sys.stderr)
        for p in res.problems:
            print(f"  {p}", file=sys.stderr)
        rc = EXIT_RED
    pct = res.percent
    min_pct = getattr(args, "min_percent", None)
    if pct < GOAL_PERCENT:
        need = -(-int(GOAL_PERCENT * res.in_scope) // 100) - res.covered
        print(f"\ngoal {GOAL_PERCENT:.0f}%: {max(need, 0)} more test(s) to cover")
    if min_pct is not None and pct < min_pct:
        print(f"error: {pct:.1f}% covered is below --min-percent {min_pct:g}", file=sys.stderr)
        rc = EXIT_RED
    print(f"cpython tests: {res.covered} covered of {res.in_scope} in scope ({pct:.1f}%)")
    return rc
