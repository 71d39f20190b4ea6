"""Where things are, discovered from this file's location (never hard-coded)."""

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent      # spec/harness/asyncspec
HARNESS_DIR = PACKAGE_DIR.parent                    # spec/harness (the tests beside the package)
SPEC_DIR = HARNESS_DIR.parent
REPO_DIR = SPEC_DIR.parent
SCENARIOS_DIR = SPEC_DIR / "scenarios"
EXPECTED_DIR = SPEC_DIR / "expected"
CLAUSES_DIR = SPEC_DIR / "clauses"
FEATURES_FILE = SPEC_DIR / "features.toml"
EXPECTATIONS_DIR = SPEC_DIR / "expectations"
CACHE_DIR = REPO_DIR / ".cache"
RUNTIMES_DIR = PACKAGE_DIR / "runtimes"
ORACLE = RUNTIMES_DIR / "oracle.py"
PYODIDE_DRIVER = RUNTIMES_DIR / "pyodide_driver.mjs"
MICROPYTHON_ORACLE = RUNTIMES_DIR / "micropython_oracle.py"
MICROPYTHON_DRIVER = RUNTIMES_DIR / "micropython_driver.mjs"
# The reference's runner-protocol binary: the front door builds it and names
# it here (the one place its path is written is ./asyncspec); --reference-runner
# overrides.
REFERENCE_RUNNER_ENV = "ASYNCSPEC_REFERENCE_RUNNER"
REFERENCE_EXPECTATIONS = REPO_DIR / "conformance" / "expectations" / "reference.toml"


def reference_runner():
    """The reference's runner (from $ASYNCSPEC_REFERENCE_RUNNER); ConfigError when unset."""
    from . import ConfigError

    runner = os.environ.get(REFERENCE_RUNNER_ENV)
    if not runner:
        raise ConfigError(f"the reference's runner is not known: ./asyncspec builds it and sets "
                          f"${REFERENCE_RUNNER_ENV} (or pass --reference-runner BIN)")
    return runner


# The CLI as a command (runs the package folder's __main__.py).
CLI = (sys.executable, str(PACKAGE_DIR))


def rel(path):
    """A path relative to the repository when inside it (stable in reports)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(REPO_DIR).as_posix()
    except ValueError:
        return str(path)
