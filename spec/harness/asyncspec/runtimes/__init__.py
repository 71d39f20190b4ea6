"""Python runtimes the harness can drive, and the oracle process protocol.

Runtimes are discovered, never hard-coded:
- CPython 3.11/3.12/3.13: pyenv builds, `$(pyenv root)/versions/3.X.*` (the
  highest patch release present);
- CPython 3.14 (and 3.13 as a cross-check): Pyodide on Node.js, installed on
  demand with npm into <repo>/.cache/npm and loaded offline;
- MicroPython 1.27 (its WebAssembly port from npm) on Node.js, virtual time
  through a frozen JS clock (micropython_driver.mjs, micropython_oracle.py);
- the system Python with uvloop (Debian's python3-uvloop), real time;
- any Python with a `module:callable` loop factory, real time.

Each runtime runs the oracle (oracle.py) in a long-lived process speaking JSON
lines; OracleProcess adds a wall-clock timeout per request and restarts the
process after a hang or crash, so a bad scenario costs only itself.
"""

import collections
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import ConfigError, paths

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
    env.update(extra or {})
    return env


# ---------------------------------------------------------------- discovery

def pyenv_root():
    root = os.environ.get("PYENV_ROOT")
    if root and Path(root).is_dir():
        return Path(root)
    exe = shutil.which("pyenv")
    if exe:
        try:
            out = subprocess.run([exe, "root"], capture_output=True, text=True, timeout=20)
            if out.returncode == 0 and out.stdout.strip():
                return Path(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    guess = Path.home() / ".pyenv"
    return guess if guess.is_dir() else None


def pyenv_python(version):
    """The python3 of the highest pyenv build 3.X.N, or None."""
    root = pyenv_root()
    if root is None:
        return None
    best = None
    for d in (root / "versions").glob(f"{version}.*"):
        m = re.fullmatch(r"3\.(\d+)\.(\d+)", d.name)
        exe = d / "bin" / "python3"
        if m and exe.exists():
            key = (int(m.group(1)), int(m.group(2)))
            if best is None or key > best[0]:
                best = (key, exe)
    return best[1] if best else None


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


def cpython_runtime(version):
    exe = pyenv_python(version)
    if exe is None:
        raise RuntimeUnavailable(f"no pyenv build of Python {version}")
    return Runtime(name=f"cpython-{version}", version=version, kind="cpython",
                   argv=[str(exe), "-s", "-B", str(paths.ORACLE), "--serve"],
                   profile_reason=f"the version of {exe}")


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


def _python_version_of(exe):
    """"3.X" of the interpreter `exe` (asked, never guessed); RuntimeUnavailable when it cannot say."""
    try:
        out = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeUnavailable(f"cannot run {exe}: {exc}") from None
    version = out.stdout.strip()
    if out.returncode != 0 or not re.fullmatch(r"3\.\d+", version):
        raise RuntimeUnavailable(f"{exe}: cannot determine its Python version "
                                 f"(exit code {out.returncode}: {out.stderr.strip()[-300:]})")
    return version


def _system_pythons():
    """python3 executables on PATH that are not pyenv shims, plus the usual
    system location's, in PATH order."""
    seen, out = set(), []
    root = pyenv_root()
    for d in os.environ.get("PATH", "").split(os.pathsep) + [os.path.join(os.sep, "usr", "bin")]:
        exe = Path(d) / "python3"
        if not exe.exists():
            continue
        real = exe.resolve()
        if root is not None and str(real).startswith(str(root)):
            continue
        if real in seen:
            continue
        seen.add(real)
        out.append(exe)
    return out


def _has_module(exe, module):
    try:
        out = subprocess.run([str(exe), "-c", f"import {module}"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0


def uvloop_python(install=True, log=None):
    """A Python that can import uvloop; Debian's python3-uvloop is installed
    with apt-get when no interpreter has it."""
    env_exe = os.environ.get("ASYNCSPEC_UVLOOP_PYTHON")
    candidates = [Path(env_exe)] if env_exe else _system_pythons()
    for exe in candidates:
        if _has_module(exe, "uvloop"):
            return exe
    if install and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        if log:
            log("installing python3-uvloop with apt-get ...")
        subprocess.run(["apt-get", "install", "-y", "python3-uvloop"], capture_output=True, timeout=900)
        for exe in _system_pythons():
            if _has_module(exe, "uvloop"):
                return exe
    raise RuntimeUnavailable("no Python with uvloop found (apt-get install python3-uvloop)")


def real_runtime(name, exe, loop_factory, unsupported=frozenset(), import_dir=None):
    """A Python event loop on the real clock. Its profile is the version of
    `exe` (the interpreter under test). The factory is tried once, in the
    oracle's own environment, before any scenario runs: one that cannot
    give a loop is a configuration error, not N crashed scenarios.
    `import_dir`: searched first for the factory's module (--loop-factory:
    the directory check was started in)."""
    from .oracle import LOOP_FACTORY_DIR_ENV

    exe = str(exe)
    version = _python_version_of(exe)
    env = {LOOP_FACTORY_DIR_ENV: str(import_dir)} if import_dir else {}
    rt = Runtime(name=name, version=version, kind="python", mode="real", loop_factory=loop_factory,
                 argv=[exe, "-s", "-B", str(paths.ORACLE), "--serve"], unsupported=frozenset(unsupported),
                 env=env, profile_reason=f"the version of {exe}")
    why = _check_loop_factory(rt)
    if why:
        raise RuntimeUnavailable(f"--loop-factory {loop_factory} on {exe} (Python {version}): {why}")
    return rt


def _check_loop_factory(rt):
    """None when rt's loop factory gives an event loop, else why not."""
    argv = rt.argv[:-1] + ["--check-loop-factory", rt.loop_factory]
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=rt.startup_timeout,
                             env=oracle_env(rt.env), cwd=str(paths.REPO_DIR))
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not try it: {exc}"
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    try:
        doc = json.loads(lines[-1])
    except (IndexError, ValueError):
        return f"could not try it (exit code {out.returncode}): {out.stderr.strip()[-500:]}"
    return doc.get("error")


# ----------------------------------------------------------- oracle process

class OracleProcess:
    """One long-lived oracle process. run() sends a request and waits for the
    answer with a wall-clock timeout; after a timeout (status "hang") or an
    unexpected exit (status "crash") the process is restarted lazily."""

    def __init__(self, runtime):
        self.runtime = runtime
        self.proc = None
        self.python = None
        self.starts = 0
        self._lines = None
        self._stderr = collections.deque(maxlen=40)

    def _reader(self, stream, q):
        for line in stream:
            q.put(line)
        q.put(None)

    def _err_reader(self, stream):
        for line in stream:
            self._stderr.append(line.rstrip("\n"))

    def start(self):
        self.close()
        self._stderr.clear()
        self.proc = subprocess.Popen(
            self.runtime.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1, env=oracle_env(self.runtime.env),
            cwd=str(paths.REPO_DIR))
        self.starts += 1
        self._lines = queue.Queue()
        self._threads = [
            threading.Thread(target=self._reader, args=(self.proc.stdout, self._lines), daemon=True),
            threading.Thread(target=self._err_reader, args=(self.proc.stderr,), daemon=True)]
        for t in self._threads:
            t.start()
        try:
            line = self._lines.get(timeout=self.runtime.startup_timeout)
        except queue.Empty:
            self.close()
            raise RuntimeUnavailable(f"{self.runtime.name}: no ready line within {self.runtime.startup_timeout:.0f} s")
        if line is None:
            code = self.proc.wait()
            tail = "\n".join(list(self._stderr)[-5:])
            self.close()
            raise RuntimeUnavailable(f"{self.runtime.name}: exited at start-up (code {code}): {tail[-800:]}")
        ready = json.loads(line)
        self.python = ready.get("python")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def prefetch(self, ids, timeout):
        pass

    def run(self, request, timeout=DEFAULT_TIMEOUT):
        if not self.alive():
            self.start()
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return self._crashed(request, "could not write to the oracle process")
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            return {"file": request.get("file"), "python": self.python, "status": "hang",
                    "error": f"no answer within {timeout:.0f} s (wall clock); process killed"}
        if line is None:
            return self._crashed(request, "the oracle process exited")
        try:
            return json.loads(line)
        except ValueError:
            return {"file": request.get("file"), "python": self.python, "status": "crash",
                    "error": f"garbled answer: {line[:200]!r}"}

    def _crashed(self, request, what):
        code = self.proc.wait() if self.proc else None
        tail = "\n".join(list(self._stderr)[-8:])
        self.close()
        return {"file": request.get("file"), "python": self.python, "status": "crash",
                "error": f"{what} (exit code {code}); stderr tail:\n{tail[-1500:]}"}

    def close(self):
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        try:
            if proc.poll() is None:
                try:
                    proc.stdin.close()
                    proc.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)
        except (OSError, subprocess.SubprocessError):
            pass
        for t in getattr(self, "_threads", []):
            t.join(timeout=2)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def request_for(scenario, runtime, scale=None):
    req = {"id": scenario.id, "file": scenario.relpath, "source": scenario.source, "mode": runtime.mode}
    if runtime.mode == "real":
        req["loop_factory"] = runtime.loop_factory
        if scale is not None:
            req["scale"] = scale
    return req


# ------------------------------------------------- runner-protocol commands

def describe_command(argv):
    """`CMD --describe` (conformance/PROTOCOL.md) -> {implementation, profile, features}."""
    try:
        out = subprocess.run(list(argv) + ["--describe"], capture_output=True, text=True, timeout=60,
                             cwd=str(paths.REPO_DIR))
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeUnavailable(f"{argv[0]} --describe: {exc}") from None
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    try:
        doc = json.loads(lines[-1])
    except (IndexError, ValueError):
        raise RuntimeUnavailable(f"{argv[0]} --describe gave no JSON line (exit {out.returncode}): "
                                 f"{out.stderr.strip()[-300:]}") from None
    for key in ("implementation", "profile", "features"):
        if key not in doc:
            raise RuntimeUnavailable(f"{argv[0]} --describe: no {key!r} in {doc}")
    return doc


def command_runtime(command, all_features):
    import shlex

    argv = shlex.split(command) if isinstance(command, str) else list(command)
    doc = describe_command(argv)
    return Runtime(name=doc["implementation"], version=doc["profile"], kind="command", argv=argv,
                   unsupported=frozenset(set(all_features) - set(doc["features"])),
                   profile_reason=f"from `{' '.join([Path(argv[0]).name] + argv[1:])} --describe`")


# How much of a line that is not a result a report shows.
GARBAGE_BYTES = 80


def _not_a_result(line, sid):
    """Why `line` (bytes) is not the result of scenario `sid`, or None when it is."""
    try:
        doc = json.loads(line)
    except ValueError:
        return (f"the runner wrote non-JSON where the result of {sid} was due: "
                f"{line[:GARBAGE_BYTES]!r}" + (" ..." if len(line) > GARBAGE_BYTES else ""))
    if not isinstance(doc, dict) or not isinstance(doc.get("status"), str) or doc.get("id") != sid:
        return (f"the runner wrote {line[:GARBAGE_BYTES]!r} where the result of {sid} was due "
                f"(a result is an object with \"id\": {sid!r} and a \"status\")")
    return None


class CommandProcess:
    """Runs scenarios through a runner-protocol executable. A shard runs in
    one `CMD --bundle B --ids-from F` process, whose results come in bundle
    order (sorted by id). Each result is due within `timeout` seconds of the
    previous one (a per-scenario limit, however long the shard). Then:
    - no result in time: the scenario whose result was due hung. It is
      `hang`, the process is killed, and the rest of the shard goes on in a
      fresh process: a hang costs exactly one timeout;
    - the process ends early: the scenario whose result was due is re-run
      alone with `--id` (costs no waiting) for its own exit code and stderr,
      then the rest of the shard goes on in a fresh process;
    - a line that is not that scenario's result (non-JSON, another id): the
      scenario is `crash`, with the line's first bytes."""

    def __init__(self, runtime, bundle_path):
        self.runtime = runtime
        self.bundle = str(bundle_path)
        self.python = runtime.version
        self.cache = {}

    def prefetch(self, ids, timeout):
        pending = sorted(ids)
        while pending:
            ended = self._shard(pending, timeout)
            pending = [i for i in pending if i not in self.cache]
            if not pending:
                break
            due = pending.pop(0)
            if ended == "timeout":
                self.cache[due] = {"id": due, "status": "hang",
                                   "error": f"no result within {timeout:g} s (wall clock); runner killed"}
            else:
                self.cache[due] = self._alone(due, timeout)

    def _shard(self, ids, timeout):
        """Run `ids` in one process, results into self.cache; -> "timeout" or "exit"."""
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".ids", delete=False) as f:
            f.write("\n".join(ids) + "\n")
            ids_file = f.name
        try:
            try:
                proc = subprocess.Popen(self.runtime.argv + ["--bundle", self.bundle, "--ids-from", ids_file],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=str(paths.REPO_DIR))
            except OSError as exc:
                for sid in ids:
                    self.cache[sid] = {"id": sid, "status": "crash", "error": f"cannot run the runner: {exc}"}
                return "exit"
            lines = queue.Queue()

            def read():
                for line in proc.stdout:
                    lines.put(line)
                lines.put(None)

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            due = iter(ids)
            ended = "exit"
            for sid in due:
                while True:
                    try:
                        line = lines.get(timeout=timeout)
                    except queue.Empty:
                        ended = "timeout"
                        break
                    if line is None or line.strip():
                        break
                if ended == "timeout" or line is None:
                    break
                why = _not_a_result(line.strip(), sid)
                self.cache[sid] = json.loads(line) if why is None else {"id": sid, "status": "crash", "error": why}
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            reader.join(timeout=5)
            proc.stdout.close()
            return ended
        finally:
            os.unlink(ids_file)

    def _alone(self, sid, timeout):
        """Scenario `sid` in a process of its own -> its result."""
        try:
            out = subprocess.run(self.runtime.argv + ["--bundle", self.bundle, "--id", sid],
                                 stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                                 cwd=str(paths.REPO_DIR))
        except subprocess.TimeoutExpired:
            return {"id": sid, "status": "hang", "error": f"no result within {timeout:g} s (wall clock); runner killed"}
        except OSError as exc:
            return {"id": sid, "status": "crash", "error": f"cannot run the runner: {exc}"}
        stderr = out.stderr.decode("utf-8", "replace").strip()[-1500:]
        tail = f"; stderr tail:\n{stderr}" if stderr else "; nothing on stderr"
        lines = [ln.strip() for ln in out.stdout.splitlines() if ln.strip()]
        if not lines:
            return {"id": sid, "status": "crash",
                    "error": f"the runner exited with code {out.returncode} without a result for {sid}{tail}"}
        why = _not_a_result(lines[0], sid)
        if why is not None:
            return {"id": sid, "status": "crash", "error": f"{why} (exit code {out.returncode}){tail}"}
        return json.loads(lines[0])

    def run(self, request, timeout=DEFAULT_TIMEOUT):
        sid = request["id"]
        if sid not in self.cache:
            self.prefetch([sid], timeout)
        return self.cache.pop(sid)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass
