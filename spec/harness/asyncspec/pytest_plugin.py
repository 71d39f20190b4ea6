"""The pytest plugin: the spec's scenarios as pytest items, run on a Python
event loop (spec/ADOPTERS.md).

    pytest --asyncspec-loop-factory=mymodule:new_loop [--asyncspec-python EXE]
           [--asyncspec-expectations F] [--asyncspec-filter X]
           [--asyncspec-clause ID] [--asyncspec-feature NAME] [--asyncspec-profile 3.X]

Enabled by the package's `pytest11` entry point when installed (inert
without --asyncspec-loop-factory), or with `-p asyncspec`. It is the same
check as `asyncspec check --loop-factory` (check/checker.py), item by item:
the selection, the runtime (the factory tried once before anything runs,
its module looked up in the directory pytest was started in), the plan
(skip reasons), the run through one long-lived oracle process, the matcher
and the expectation file's verdicts all come from the checker's modules.

- one item per selected scenario, its node id the scenario id; its clauses
  are `asyncspec_clause(ID)` markers, `clause` properties (JUnit XML) and
  keywords (`-k cancel.uncancel` selects by clause too);
- a divergence fails the item: the scenario, its clauses with their rules,
  the first diverging event (expected vs actual, scenario line);
- an expectation-file entry makes the item xfail (strict: an unexpected pass,
  a failure of another kind, or an entry for a skipped scenario fails it;
  `flaky = true` entries may pass); an entry naming no scenario of the
  suite fails an extra item, `<expectation file>::stale`;
- a scenario needing a feature or a version the loop's Python lacks skips.

Bad configuration (a factory that cannot give a loop, an unreadable or
malformed expectation file, a selection matching nothing, a malformed
clause file) is a pytest usage error naming the file, line and reason.
"""

import argparse
from pathlib import Path

import pytest

from . import ConfigError, SUITE_VERSION, paths
from .check import checker
from .check import expectations as expectations_mod
from .check import reports
from .spec import clauses as clauses_mod
from .spec import scenarios as scenarios_mod
from . import runtimes

CLAUSE_MARKER = "asyncspec_clause"


def pytest_addoption(parser):
    g = parser.getgroup("asyncspec", "asyncspec: the asyncio spec's scenarios on a Python event loop")
    g.addoption("--asyncspec-loop-factory", metavar="MODULE:CALLABLE",
                help="run the spec's scenarios on this event-loop factory, one item per scenario (real time; "
                     "MODULE is looked up in the directory pytest was started in, then sys.path)")
    g.addoption("--asyncspec-python", metavar="EXE",
                help="the interpreter the loop runs in (default: the one running pytest); its version is the profile")
    g.addoption("--asyncspec-expectations", metavar="FILE",
                help="known failures (TOML, spec/HARNESS.md): their items xfail, strictly")
    g.addoption("--asyncspec-filter", metavar="X",
                help="only scenarios whose id, area or file contains X (or matches the regular expression X)")
    g.addoption("--asyncspec-clause", action="append", metavar="ID",
                help="only scenarios citing clause ID or a clause under it; repeatable")
    g.addoption("--asyncspec-feature", action="append", metavar="NAME",
                help="only scenarios using feature NAME; repeatable")
    g.addoption("--asyncspec-profile", metavar="3.X",
                help="the Python version whose expected traces are compared (default: the loop's Python's)")
    g.addoption("--asyncspec-timeout", type=float, metavar="SECONDS",
                help="wall-clock limit per scenario (default: 10 s + 3 x its duration)")
    g.addoption("--asyncspec-scale", type=float, metavar="S",
                help=f"real seconds per virtual second (default {checker.DEFAULT_SCALE})")
    g.addoption("--asyncspec-time-abs", type=float, metavar="T",
                help=f"absolute time tolerance, virtual seconds (default {checker.DEFAULT_TIME_ABS}; "
                     f"raise it on a loaded machine)")
    g.addoption("--asyncspec-time-rel", type=float, metavar="R",
                help=f"relative time tolerance (default {checker.DEFAULT_TIME_REL})")


# pytest option -> the `check` option of the same meaning (for messages).
_OPTIONS = {"filter": "--asyncspec-filter", "clause": "--asyncspec-clause", "feature": "--asyncspec-feature",
            "loop-factory": "--asyncspec-loop-factory"}


def _usage(exc):
    """A ConfigError as pytest's usage error (its messages, `file:line: reason`),
    the selectors named as this plugin's options."""
    text = "\n".join(exc.messages)
    for name, opt in _OPTIONS.items():
        text = text.replace(f"--{name} ", f"{opt} ")
    return pytest.UsageError(f"asyncspec: {text}")


def pytest_configure(config):
    config.addinivalue_line("markers", f"{CLAUSE_MARKER}(id): the spec clause an asyncspec scenario checks")
    opt = config.getoption
    if not opt("asyncspec_loop_factory"):
        given = [f"--asyncspec-{n.replace('_', '-')}" for n in ("python", "expectations", "filter", "clause",
                                                                 "feature", "profile", "timeout", "scale",
                                                                 "time_abs", "time_rel")
                 if opt(f"asyncspec_{n}") is not None]
        if given:
            raise pytest.UsageError(f"asyncspec: {', '.join(given)} needs --asyncspec-loop-factory MODULE:CALLABLE")
        return
    try:
        run = AsyncspecRun(config)
    except ConfigError as exc:
        raise _usage(exc) from None
    config.pluginmanager.register(run, "asyncspec-run")


class ScenarioFailure(Exception):
    """The scenario failed as its expectation-file entry says (the item xfails)."""


class ScenarioRed(Exception):
    """The implementation's failure (or an expectation-file verdict that is red)."""


class AsyncspecRun:
    """One run of the spec on the loop factory: what `check` resolves before
    running (selection, runtime, profile, expected traces, expectations), the
    oracle process the items share, and the hooks that add the items."""

    def __init__(self, config):
        opt = config.getoption
        self.factory = opt("asyncspec_loop_factory")
        self.registry = clauses_mod.require_registry()
        features = clauses_mod.load_features()
        args = argparse.Namespace(scenarios=None, filter=opt("asyncspec_filter"), clause=opt("asyncspec_clause"),
                                  feature=opt("asyncspec_feature"), shard=None)
        self.selected, self.broken, all_scs, all_broken = checker.select(args, features)
        self.suite_ids = {s.id for s in all_scs + all_broken}
        path = opt("asyncspec_expectations")
        if path:
            p = Path(path)
            self.expectations = expectations_mod.load(p if p.is_absolute() else config.invocation_params.dir / p)
        else:
            self.expectations = None
        self.runtime = checker.resolve(loop_factory=self.factory, python=opt("asyncspec_python"))
        self.profile = opt("asyncspec_profile") or self.runtime.version
        self.profile_reason = "--asyncspec-profile" if opt("asyncspec_profile") else self.runtime.profile_reason
        self.timeout = opt("asyncspec_timeout")
        self.tol = checker.tolerance_for(self.runtime, checker.time_tolerance_option(opt("asyncspec_time_abs"),
                                                                                   opt("asyncspec_time_rel")))
        self.scale = opt("asyncspec_scale") or checker.DEFAULT_SCALE
        docs = checker.load_expected_docs(self.selected)
        self.planned = {sc.id: (sc, trace, why) for sc, trace, why in
                        checker.plan(self.selected, self.runtime, self.profile, docs)}
        self.proc = None

    # ---- hooks
    def pytest_report_header(self, config):
        exp = f"; expectations {self.expectations.file}" if self.expectations else ""
        return [f"asyncspec {SUITE_VERSION}: {self.runtime.name} on {self.runtime.argv[0]}, profile {self.profile} "
                f"({self.profile_reason}), {self.runtime.mode} time (scale {self.scale}, tolerance abs "
                f"{self.tol.abs} + rel {self.tol.rel}); "
                f"{len(self.selected) + len(self.broken)} scenario(s){exp}"]

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session, config, items):
        # tryfirst: the items exist before -k and -m deselect; collected
        # through pytest's own genitems, so they are counted and reported.
        items.extend(session.genitems(Suite.from_parent(session, name="asyncspec", nodeid="asyncspec", run=self)))

    def pytest_sessionfinish(self, session):
        if self.proc is not None:
            self.proc.close()
            self.proc = None

    # ---- running
    def _stale_entries(self):
        """Expectation-file entries naming no scenario of the suite (evaluate's verdict)."""
        if self.expectations is None:
            return []
        return [o for o in expectations_mod.evaluate(self.expectations, {}, self.suite_ids).outcomes if o.red]

    def result(self, sc):
        """The checker's result of one scenario (its report fields)."""
        if isinstance(sc, scenarios_mod.BrokenScenario):
            return sc.result()
        sc, trace, why = self.planned[sc.id]
        base = checker.scenario_base(sc)
        if why:
            return dict(base, status="skip", skip_reason=why)
        if self.proc is None:
            self.proc = runtimes.OracleProcess(self.runtime)
        return checker.run_scenario(self.proc, self.runtime, sc, trace, base, self.runtime.mode == "real",
                                    self.scale, self.tol, self.timeout)

    def outcome(self, result):
        """The expectation file's verdict on one result (expectations.evaluate)."""
        ev = expectations_mod.evaluate(self.expectations, {result["id"]: result["status"]}, self.suite_ids)
        return ev.by_id()[result["id"]]

    def describe(self, sc, result, outcome=None):
        """The failure text: the scenario, its clauses and their rules, what went wrong."""
        # Installed, the scenario file is inside the package: its full path.
        where = sc.relpath if paths.CHECKOUT else sc.path
        lines = [f"{result['status'].upper()} {sc.id} ({where}) on {self.runtime.name}, profile {self.profile}"]
        for cid in sc.clauses:
            c = self.registry.get(cid)
            lines.append(f"  clause {cid}" + (f" ({c.level}): {' '.join(c.rule.split())}" if c else ""))
        text = result.get("divergence_text") or result.get("error") or result.get("skip_reason") or ""
        lines += text.splitlines()
        errs = result.get("loop_errors") or []
        lines += [f"  loop error: {e}" for e in errs[:reports.LOOP_ERRORS_SHOWN]]
        if outcome is not None and self.expectations is not None and outcome.verdict != "ok":
            lines.append(f"expectations ({self.expectations.file}): {outcome.verdict}: {outcome.message}")
        return "\n".join(lines)


class Suite(pytest.Collector):
    """The selected scenarios (and the stale expectation entries, if any)."""

    def __init__(self, *, run, **kw):
        super().__init__(**kw)
        self.run = run

    def collect(self):
        run = self.run
        for sc in sorted(run.selected + run.broken, key=lambda s: s.id):
            yield ScenarioItem.from_parent(self, name=sc.id, nodeid=sc.id, run=run, scenario=sc)
        stale = run._stale_entries()
        if stale:
            name = f"{run.expectations.file}::stale"
            yield StaleEntriesItem.from_parent(self, name=name, nodeid=name, outcomes=stale)


class ScenarioItem(pytest.Item):
    def __init__(self, *, run, scenario, **kw):
        super().__init__(**kw)
        self.run, self.scenario = run, scenario
        self.extra_keyword_matches.update([scenario.area, *scenario.clauses])
        for cid in scenario.clauses:
            self.add_marker(getattr(pytest.mark, CLAUSE_MARKER)(cid))
            self.user_properties.append(("clause", cid))
        self.user_properties.append(("file", scenario.relpath))
        entry = run.expectations.entries.get(scenario.id) if run.expectations else None
        if entry is not None:
            # Only the failure the entry describes is absorbed (ScenarioFailure);
            # the red verdicts raise ScenarioRed.
            self.add_marker(pytest.mark.xfail(reason=f"{entry.kind}: {entry.reason}", raises=ScenarioFailure,
                                              strict=not entry.flaky))

    def runtest(self):
        sc = self.scenario
        result = self.run.result(sc)
        status = result["status"]
        if status == reports.SPEC_ERROR:
            raise ScenarioRed(self.run.describe(sc, result) + "\n(a spec error: the scenario's fault, not the loop's)")
        outcome = self.run.outcome(result)
        if outcome.red:
            raise ScenarioRed(self.run.describe(sc, result, outcome))
        if outcome.verdict == "expected-failure":
            raise ScenarioFailure(self.run.describe(sc, result, outcome))
        if status == "skip":
            pytest.skip(result.get("skip_reason", "skipped"))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (ScenarioFailure, ScenarioRed)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.scenario.path, None, f"asyncspec scenario {self.scenario.id}"


class StaleEntriesItem(pytest.Item):
    """Expectation-file entries that name no scenario of the suite."""

    def __init__(self, *, outcomes, **kw):
        super().__init__(**kw)
        self.outcomes = outcomes

    def runtest(self):
        raise ScenarioRed("\n".join(f"stale: {o.id}: {o.message}" for o in self.outcomes))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScenarioRed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.name, None, "asyncspec expectation file"
