"""`python3 -m asyncspec ARGS` (spec/harness on sys.path), or
`python3 spec/harness/asyncspec ARGS` (the front door, CMake): the CLI."""

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a directory: sys.path[0] is this package's own folder, whose
    # stage names (trace, spec, ...) must not shadow top-level modules.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.path.insert(0, str(here.parent))

from asyncspec.cli import main  # noqa: E402

sys.exit(main())
