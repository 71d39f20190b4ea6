"""Where things are, discovered from this file's location (never hard-coded).

The one place that decides between the two layouts:
- a checkout: the package is spec/harness/asyncspec and reads the spec data
  (clauses, scenarios, expected traces, expectation files, features) from
  spec/ in place;
- installed (`pip install .`, a wheel or an sdist; pyproject.toml): the build
  copied that data into the package, asyncspec/_data/spec/, and there is no
  repository around it: the npm cache goes to the user's cache directory and
  the commands that write into the spec or build the reference (record,
  fuzz, mutants) need a checkout (CHECKOUT_ONLY).
"""

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent      # spec/harness/asyncspec, or site-packages/asyncspec
# A checkout: the package sits in spec/harness/ beside the spec's features.toml.
CHECKOUT = PACKAGE_DIR.parent.name == "harness" and (PACKAGE_DIR.parent.parent / "features.toml").is_file()
if CHECKOUT:
    HARNESS_DIR = PACKAGE_DIR.parent                # spec/harness (the tests beside the package)
    SPEC_DIR = HARNESS_DIR.parent
    REPO_DIR = SPEC_DIR.parent
    CACHE_DIR = REPO_DIR / ".cache"
    OUT_DIR = REPO_DIR / "out"
else:
    # Installed: the data root stands in for the repository, so every path
    # reported (paths.rel) reads spec/... exactly as from a checkout.
    HARNESS_DIR = None
    REPO_DIR = PACKAGE_DIR / "_data"
    SPEC_DIR = REPO_DIR / "spec"
    CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asyncspec"
    OUT_DIR = Path("out")                           # relative: the caller's directory
SCENARIOS_DIR = SPEC_DIR / "scenarios"
EXPECTED_DIR = SPEC_DIR / "expected"
CLAUSES_DIR = SPEC_DIR / "clauses"
FEATURES_FILE = SPEC_DIR / "features.toml"
EXPECTATIONS_DIR = SPEC_DIR / "expectations"
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
# Commands that write into the spec (record) or need the reference's sources
# and build (fuzz, mutants): not in an installed package.
CHECKOUT_ONLY = ("record", "fuzz", "mutants")


def reference_runner():
    """The reference's runner (from $ASYNCSPEC_REFERENCE_RUNNER); ConfigError when unset."""
    from . import ConfigError

    runner = os.environ.get(REFERENCE_RUNNER_ENV)
    if not runner:
        raise ConfigError(f"the reference's runner is not known: ./asyncspec builds it and sets "
                          f"${REFERENCE_RUNNER_ENV} (or pass --reference-runner BIN)")
    return runner


def require_checkout(command):
    """ConfigError when `command` needs a checkout and this is an installed package."""
    from . import ConfigError

    if not CHECKOUT and command in CHECKOUT_ONLY:
        raise ConfigError(f"`asyncspec {command}` needs a checkout of the asyncspec repository (it writes into "
                          f"spec/ or builds the reference); the installed package runs check, impls, run, "
                          f"expect, matrix, coverage, verify and bundle")


# The CLI as a command (runs the package folder's __main__.py).
CLI = (sys.executable, str(PACKAGE_DIR))


def rel(path):
    """A path relative to the repository when inside it (stable in reports;
    installed: relative to the data root, so still spec/...)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(REPO_DIR).as_posix()
    except ValueError:
        return str(path)
