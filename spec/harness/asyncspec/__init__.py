"""asyncspec harness: record, verify and check asyncio scenario traces.

Import as `asyncspec` with spec/harness on sys.path (`python3 -m asyncspec`), or
run the folder: `python3 spec/harness/asyncspec COMMAND ...`, or install it
(pyproject.toml: the `asyncspec` command, `python3 -m asyncspec`, the pytest
plugin). Stages, lowest first; each imports only from the ones below it:
trace, runtimes, ir, spec, check, fuzz, mutants; cli.py and pytest_plugin.py
on top.
"""

import re
import sys

SUITE_VERSION = "0.1.0"

# Exit codes of every harness command (README.md, "Exit codes").
EXIT_GREEN = 0      # everything checked agrees
EXIT_RED = 1        # the implementation (or the oracle) differs from the spec
EXIT_USAGE = 2      # usage, configuration or spec error: never the implementation's fault


class ConfigError(Exception):
    """A usage, configuration or spec error: the command stops with
    EXIT_USAGE. Each message is one line, `file:line: reason` when it is
    about a file."""

    def __init__(self, *messages):
        super().__init__("\n".join(messages))
        self.messages = list(messages)


class FileError(ConfigError):
    """A problem at a place in a file (a clause, feature, scenario header or
    expectation file): `file:line: reason`."""

    def __init__(self, file, line, reason):
        super().__init__(f"{file}:{line}: {reason}")
        self.file, self.line, self.reason = file, line, reason


def toml_error_at(exc):
    """A tomllib.TOMLDecodeError -> (line, reason without the position).
    Python >= 3.14 gives lineno; older ones only say "(at line N, column C)"."""
    m = re.search(r"at line (\d+)", str(exc))
    line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else 1)
    reason = getattr(exc, "msg", None) or re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
    return line, reason


# `pytest -p asyncspec` registers this package as a plugin: it carries the
# plugin's hooks (pytest_plugin.py), imported only under pytest.
if "_pytest" in sys.modules:
    from .pytest_plugin import pytest_addoption, pytest_configure  # noqa: E402,F401
