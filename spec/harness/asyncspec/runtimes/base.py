"""What every runtime module shares: the Runtime record, its error, the
oracle processes' environment and the default per-scenario timeout."""

import os
from dataclasses import dataclass, field

from .. import ConfigError

DEFAULT_TIMEOUT = 30.0


class RuntimeUnavailable(ConfigError):
    """The implementation cannot be run here (a configuration error: exit 2)."""


@dataclass
class Runtime:
    name: str                      # cpython-3.12, pyodide-3.14, uvloop, ...
    version: str                   # "3.X": the Python it runs
    argv: list
    kind: str                      # cpython | pyodide | micropython | python
    mode: str = "virtual"          # virtual | real
    loop_factory: str = None
    unsupported: frozenset = frozenset()
    startup_timeout: float = 30.0
    env: dict = field(default_factory=dict)
    profile_reason: str = ""       # why `version` is the default profile (shown in reports)

    def supports(self, features):
        return not (set(features) & self.unsupported)

    def missing(self, features):
        return sorted(set(features) & self.unsupported)


def oracle_env(extra=None):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"       # TaskGroup & co iterate sets: pin the seed
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONASYNCIODEBUG", None)
    env.pop("PYTHONDEVMODE", None)
    # oracle.PURE_ASYNCIO_ENV, oracle.SKIP_MISSING_API_ENV: only a runtime's own env sets them
    env.pop("ASYNCSPEC_PURE_ASYNCIO", None)
    env.pop("ASYNCSPEC_SKIP_MISSING_API", None)
    env.update(extra or {})
    return env
