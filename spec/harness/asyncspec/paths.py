"""Where things are, discovered from this file's location (never hard-coded)."""

from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent
SPEC_DIR = HARNESS_DIR.parent
REPO_DIR = SPEC_DIR.parent
SCENARIOS_DIR = SPEC_DIR / "scenarios"
EXPECTED_DIR = SPEC_DIR / "expected"
CLAUSES_DIR = SPEC_DIR / "clauses"
FEATURES_FILE = SPEC_DIR / "features.toml"
EXPECTATIONS_DIR = SPEC_DIR / "expectations"
CACHE_DIR = REPO_DIR / ".cache"
ORACLE = HARNESS_DIR / "oracle.py"
PYODIDE_DRIVER = HARNESS_DIR / "pyodide_driver.mjs"


def rel(path):
    """A path relative to the repository when inside it (stable in reports)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(REPO_DIR).as_posix()
    except ValueError:
        return str(path)
