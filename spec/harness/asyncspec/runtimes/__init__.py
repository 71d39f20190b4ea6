"""Python runtimes the harness can drive (the registry of implementations).

Runtimes are discovered, never hard-coded:
- CPython 3.11/3.12/3.13: pyenv builds, `$(pyenv root)/versions/3.X.*` (the
  highest patch release present);
- CPython 3.14 (and 3.13 as a cross-check): Pyodide on Node.js, installed on
  demand with npm into <repo>/.cache/npm and loaded offline;
- MicroPython 1.27 (its WebAssembly port from npm) on Node.js, virtual time
  through a frozen JS clock (micropython_driver.mjs, micropython_oracle.py);
- CPython 3.11/3.12/3.13 with pure-Python asyncio (the C accelerator
  _asyncio blocked in the oracle: _PyTask, _PyFuture), virtual time;
- Debian's own /usr/bin/python3, virtual time;
- the system Python with uvloop (Debian's python3-uvloop) or gbulb
  (python3-gbulb, a GLib event loop), real time;
- any Python with a `module:callable` loop factory, real time.

Each runtime runs the oracle (oracle.py) in a long-lived process speaking JSON
lines; OracleProcess adds a wall-clock timeout per request and restarts the
process after a hang or crash, so a bad scenario costs only itself.
"""

import json
import shutil
import subprocess
from pathlib import Path

from .. import paths
from .base import DEFAULT_TIMEOUT, Runtime, RuntimeUnavailable, oracle_env  # noqa: F401
from .process import CommandProcess, OracleProcess, request_for  # noqa: F401
from .pythons import (gbulb_python, pyenv_python, pypy_python, python_version_of,  # noqa: F401
                      system_python, uvloop_python)

ORACLE_VERSIONS = ("3.11", "3.12", "3.13", "3.14")
PYENV_VERSIONS = ("3.11", "3.12", "3.13")
# Pyodide npm packages: Python version -> (npm alias, package version).
PYODIDE_PACKAGES = {
    "3.14": ("pyodide-314", "314.0.7"),   # CPython 3.14.2
    "3.13": ("pyodide-0.29", "0.29.5"),   # CPython 3.13.2
}
# What Pyodide cannot do: no threads in WebAssembly.
PYODIDE_UNSUPPORTED = frozenset({"threads"})
# MicroPython's WebAssembly port (PyScript variant) from npm: (npm alias, package, version).
MICROPYTHON_PACKAGE = ("micropython-1.27", "@micropython/micropython-webassembly-pyscript", "1.27.0")
# The features of spec/features.toml MicroPython 1.27's asyncio has (each
# checked by running it; everything else is unsupported, so SKIP): create_task,
# sleep, gather, wait_for, Lock, Event, current_task. It has no
# run/get_running_loop/loop.call_soon/call_later/time/create_future, no Task
# names, cancel(msg), cancelling/uncancel, all_tasks, wait, as_completed,
# shield, timeout, TaskGroup, exception groups, eager tasks, threads,
# Condition, Semaphore, Barrier or Queue.
MICROPYTHON_FEATURES = frozenset({"gather", "wait-for", "lock", "event"})
# The closest CPython profile: MicroPython's asyncio follows the pre-3.12 API
# (wait_for as a task + timeout, no eager tasks); 3.11 is the oldest recorded.
MICROPYTHON_PROFILE = "3.11"


def node_executable():
    exe = shutil.which("node")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
        major = int(out.stdout.strip().lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return exe if major >= 18 else None


def npm_package(alias, name, pkg_version, files, label, install=True, log=None):
    """<repo>/.cache/npm/node_modules/<alias>: npm package `name@pkg_version`
    (installed under an alias so several versions live side by side),
    installed with npm when missing or of another version (quiet when
    present). `files`: what must exist in it; `label`: for messages."""
    prefix = paths.CACHE_DIR / "npm"
    pkg = prefix / "node_modules" / alias

    def present():
        try:
            meta = json.loads((pkg / "package.json").read_text())
        except (OSError, ValueError):
            return False
        return (meta.get("name") == name and meta.get("version") == pkg_version
                and all((pkg / f).exists() for f in files))

    if present():
        return pkg
    if not install:
        raise RuntimeUnavailable(f"{label} not installed in {paths.rel(pkg)}")
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeUnavailable(f"npm not found: cannot install {label}")
    if log:
        log(f"installing {label} with npm into {paths.rel(prefix)} ...")
    prefix.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), f"{alias}@npm:{name}@{pkg_version}"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeUnavailable(f"npm install of {name}@{pkg_version} failed: {exc}") from None
    if out.returncode != 0 or not present():
        raise RuntimeUnavailable(f"npm install of {name}@{pkg_version} failed: {out.stderr.strip()[-500:]}")
    return pkg


def pyodide_dir(version, install=True, log=None):
    """The Pyodide package directory for Python "3.X" (installed when missing)."""
    if version not in PYODIDE_PACKAGES:
        raise RuntimeUnavailable(f"no Pyodide package known for Python {version}")
    alias, pkg_version = PYODIDE_PACKAGES[version]
    return npm_package(alias, "pyodide", pkg_version, ["pyodide.mjs"],
                       f"Pyodide {pkg_version} (Python {version})", install=install, log=log)


def micropython_dir(install=True, log=None):
    """The MicroPython npm package directory (installed when missing)."""
    alias, name, pkg_version = MICROPYTHON_PACKAGE
    return npm_package(alias, name, pkg_version, ["micropython.mjs", "micropython.wasm"],
                       f"MicroPython {pkg_version} ({name})", install=install, log=log)


def micropython_runtime(all_features, install=True, log=None):
    """MicroPython 1.27 on Node, virtual time; `all_features`: the feature
    vocabulary (spec/features.toml), of which it supports MICROPYTHON_FEATURES."""
    node = node_executable()
    if node is None:
        raise RuntimeUnavailable("Node.js >= 18 not found (needed for MicroPython)")
    pkg = micropython_dir(install=install, log=log)
    return Runtime(name="micropython", version=MICROPYTHON_PROFILE, kind="micropython",
                   argv=[node, str(paths.MICROPYTHON_DRIVER), str(pkg), str(paths.MICROPYTHON_ORACLE)],
                   unsupported=frozenset(set(all_features) - MICROPYTHON_FEATURES), startup_timeout=60.0,
                   profile_reason="MicroPython's asyncio follows the 3.11 API")


def cpython_runtime(version, exe=None, pure=False):
    """The CPython oracle for "3.X": `exe`, else the pyenv build. `pure`: with
    the C accelerator _asyncio blocked inside the oracle before asyncio is
    imported (its PURE_ASYNCIO_ENV), so Task and Future are the pure-Python
    _PyTask and _PyFuture (the oracle checks it and says so in its ready line)."""
    from .oracle import PURE_ASYNCIO_ENV

    exe = exe or pyenv_python(version)
    if exe is None:
        raise RuntimeUnavailable(f"no pyenv build of Python {version}")
    return Runtime(name=f"cpython-{version}" + ("-pure" if pure else ""), version=version, kind="cpython",
                   argv=[str(exe), "-s", "-B", str(paths.ORACLE), "--serve"],
                   env={PURE_ASYNCIO_ENV: "1"} if pure else {},
                   profile_reason=f"the version of {exe}")


def system_cpython_runtime():
    """Debian's own /usr/bin/python3 in virtual time through the oracle
    (cpython-system); its profile is its version (bookworm: 3.11)."""
    exe = system_python()
    version = python_version_of(exe)
    rt = cpython_runtime(version, exe=exe)
    rt.name = "cpython-system"
    return rt


# What spec/features.toml's features need, asked of an interpreter older than
# the recorded profiles (pypy3): feature -> a Python expression (asyncio
# imported) that is true when the interpreter has it. A feature not listed
# here is one every Python 3.9 has.
FEATURE_PROBES = {
    "uncancel": "hasattr(asyncio.Task, 'uncancel') and hasattr(asyncio.Task, 'cancelling')",
    "timeout": "hasattr(asyncio, 'timeout') and hasattr(asyncio, 'timeout_at')",
    "taskgroup": "hasattr(asyncio, 'TaskGroup')",
    "exception-groups": "hasattr(builtins, 'BaseExceptionGroup')",
    "eager-tasks": "hasattr(asyncio, 'eager_task_factory')",
    "eager-start": "sys.version_info >= (3, 14)",
    "call-graph": "hasattr(asyncio, 'capture_call_graph')",
    "barrier": "hasattr(asyncio, 'Barrier')",
    "queue-shutdown": "hasattr(asyncio.Queue, 'shutdown')",
    "as-completed-async": "sys.version_info >= (3, 13)",
}


def probe_features(exe):
    """The features of FEATURE_PROBES the interpreter `exe` lacks (asked, never guessed)."""
    code = ("import asyncio, builtins, json, sys; "
            f"print(json.dumps([f for f, e in {FEATURE_PROBES!r}.items() if not eval(e)]))")
    try:
        out = subprocess.run([str(exe), "-c", code], capture_output=True, text=True, timeout=60)
        return frozenset(json.loads(out.stdout.strip().splitlines()[-1]))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        raise RuntimeUnavailable(f"{exe}: cannot ask which asyncio features it has: {exc}") from None


def pypy_runtime(install=True, log=None):
    """Debian's PyPy (pypy3) in virtual time through the oracle. Its Python
    (3.9 on bookworm) is older than every recorded profile: it is compared
    with the oldest (3.11); the features it lacks are SKIP (probe_features)
    and so is a scenario using an asyncio name or Task method it lacks (the
    oracle's SKIP_MISSING_API_ENV)."""
    from .oracle import SKIP_MISSING_API_ENV

    exe = pypy_python(install=install, log=log)
    version = python_version_of(exe)
    recorded = list(ORACLE_VERSIONS)

    def key(v):
        return tuple(int(x) for x in v.split("."))

    if version in recorded:
        profile, why = version, f"the version of {exe}"
    elif key(version) < key(recorded[0]):
        profile, why = recorded[0], f"{exe} runs Python {version}, older than every recorded profile: the oldest"
    else:
        profile, why = recorded[-1], f"{exe} runs Python {version}, newer than every recorded profile: the newest"
    return Runtime(name="pypy3", version=profile, kind="pypy",
                   argv=[str(exe), "-s", "-B", str(paths.ORACLE), "--serve"],
                   unsupported=probe_features(exe), env={SKIP_MISSING_API_ENV: "1"}, startup_timeout=60.0,
                   profile_reason=why)


# gbulb's loop factory: a GLib main-loop based asyncio event loop.
GBULB_LOOP_FACTORY = "gbulb:GLibEventLoop"


def pyodide_runtime(version, install=True, log=None):
    node = node_executable()
    if node is None:
        raise RuntimeUnavailable("Node.js >= 18 not found (needed for Pyodide)")
    pkg = pyodide_dir(version, install=install, log=log)
    return Runtime(name=f"pyodide-{version}", version=version, kind="pyodide",
                   argv=[node, str(paths.PYODIDE_DRIVER), str(pkg), str(paths.ORACLE)],
                   unsupported=PYODIDE_UNSUPPORTED, startup_timeout=90.0,
                   profile_reason=f"Pyodide {PYODIDE_PACKAGES[version][1]} runs Python {version}")


def oracle_runtime(version, install=True, log=None):
    """The recording oracle for Python "3.X": pyenv CPython, else Pyodide."""
    if version in PYENV_VERSIONS:
        try:
            return cpython_runtime(version)
        except RuntimeUnavailable:
            if version not in PYODIDE_PACKAGES:
                raise
    return pyodide_runtime(version, install=install, log=log)


def oracle_runtimes(versions=ORACLE_VERSIONS, install=True, log=None):
    """{version: Runtime} for the available oracles, and {version: reason} for the rest."""
    found, missing = {}, {}
    for v in versions:
        try:
            found[v] = oracle_runtime(v, install=install, log=log)
        except RuntimeUnavailable as exc:
            missing[v] = str(exc)
    return found, missing


def real_runtime(name, exe, loop_factory, unsupported=frozenset(), import_dir=None):
    """A Python event loop on the real clock. Its profile is the version of
    `exe` (the interpreter under test). The factory is tried once, in the
    oracle's own environment, before any scenario runs: one that cannot
    give a loop is a configuration error, not N crashed scenarios.
    `import_dir`: searched first for the factory's module (--loop-factory:
    the directory check was started in)."""
    from .oracle import LOOP_FACTORY_DIR_ENV

    exe = str(exe)
    version = python_version_of(exe)
    env = {LOOP_FACTORY_DIR_ENV: str(import_dir)} if import_dir else {}
    rt = Runtime(name=name, version=version, kind="python", mode="real", loop_factory=loop_factory,
                 argv=[exe, "-s", "-B", str(paths.ORACLE), "--serve"], unsupported=frozenset(unsupported),
                 env=env, profile_reason=f"the version of {exe}")
    why = _check_loop_factory(rt)
    if why:
        raise RuntimeUnavailable(f"--loop-factory {loop_factory} on {exe} (Python {version}): {why}")
    return rt


def _last_json_line(argv, timeout, env=None):
    """(the JSON object on the last non-blank stdout line of `argv`, or None;
    the CompletedProcess). OSError/SubprocessError when it cannot run."""
    out = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, env=env,
                         cwd=str(paths.REPO_DIR))
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    try:
        return json.loads(lines[-1]), out
    except (IndexError, ValueError):
        return None, out


def _check_loop_factory(rt):
    """None when rt's loop factory gives an event loop, else why not."""
    argv = rt.argv[:-1] + ["--check-loop-factory", rt.loop_factory]
    try:
        doc, out = _last_json_line(argv, rt.startup_timeout, env=oracle_env(rt.env))
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not try it: {exc}"
    if doc is None:
        return f"could not try it (exit code {out.returncode}): {out.stderr.strip()[-500:]}"
    return doc.get("error")


# ------------------------------------------------- runner-protocol commands

def describe_command(argv):
    """`CMD --describe` (conformance/PROTOCOL.md) -> {implementation, profile, features}."""
    try:
        doc, out = _last_json_line(list(argv) + ["--describe"], 60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeUnavailable(f"{argv[0]} --describe: {exc}") from None
    if doc is None:
        raise RuntimeUnavailable(f"{argv[0]} --describe gave no JSON line (exit {out.returncode}): "
                                 f"{out.stderr.strip()[-300:]}")
    for key in ("implementation", "profile", "features"):
        if key not in doc:
            raise RuntimeUnavailable(f"{argv[0]} --describe: no {key!r} in {doc}")
    return doc


def command_runtime(command, all_features, profile=None):
    """A runner command; with `profile` among the profiles it declares
    (`--describe`'s optional "profiles", conformance/PROTOCOL.md), it runs
    with `--profile PROFILE`."""
    import shlex

    argv = shlex.split(command) if isinstance(command, str) else list(command)
    doc = describe_command(argv)
    if profile and profile != doc["profile"] and profile in doc.get("profiles", ()):
        argv += ["--profile", profile]
        doc = describe_command(argv)
    return Runtime(name=doc["implementation"], version=doc["profile"], kind="command", argv=argv,
                   unsupported=frozenset(set(all_features) - set(doc["features"])),
                   profile_reason=f"from `{' '.join([Path(argv[0]).name] + argv[1:])} --describe`")
