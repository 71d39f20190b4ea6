"""Finding interpreters: the ONE place that knows where Pythons live.

- pyenv builds: `$(pyenv root)/versions/3.X.N/bin/python3` (PYENV_ROOT, else
  `pyenv root`, else ~/.pyenv); the highest patch release of each 3.X;
- system interpreters: python3 on PATH that is not a pyenv shim, and
  /usr/bin/python3;
- the running interpreter;
- a Python with uvloop (Debian's python3-uvloop) or gbulb (python3-gbulb),
  installed when missing and root;
- Debian's own /usr/bin/python3 (cpython-system).

Used by the checker and recorder (oracles), the fuzzer (CPython 3.13) and the
benchmark driver (bench/run_bench.py: CPython 3.11-3.13 and uvloop).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .base import RuntimeUnavailable


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


def pyenv_pythons():
    """{"3.X": python3 of the highest pyenv build 3.X.N} for every 3.X present."""
    root = pyenv_root()
    if root is None:
        return {}
    minors = {m.group(1) for d in (root / "versions").glob("3.*")
              if (m := re.fullmatch(r"(3\.\d+)\.\d+", d.name))}
    return {v: exe for v in sorted(minors, key=lambda s: int(s.split(".")[1]))
            if (exe := pyenv_python(v)) is not None}


def find_python(version, env_var=None):
    """A CPython "3.X": $env_var when set, else the pyenv build, else a system
    python3 or the running interpreter of that version; None when none is."""
    if env_var and os.environ.get(env_var):
        return Path(os.environ[env_var])
    exe = pyenv_python(version)
    if exe is not None:
        return exe
    for exe in system_pythons():
        try:
            if python_version_of(exe) == version:
                return exe
        except RuntimeUnavailable:
            continue
    if "%d.%d" % sys.version_info[:2] == version:
        return Path(sys.executable)
    return None


def python_version_of(exe):
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


def system_pythons():
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


def has_module(exe, module):
    try:
        out = subprocess.run([str(exe), "-c", f"import {module}"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0


def module_python(module, package, env_var, install=True, log=None):
    """A system Python that can import `module`; Debian's `package` is
    installed with apt-get when no interpreter has it (and we are root).
    $env_var, when set, is the only candidate."""
    env_exe = os.environ.get(env_var)
    candidates = [Path(env_exe)] if env_exe else system_pythons()
    for exe in candidates:
        if has_module(exe, module):
            return exe
    if install and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        if log:
            log(f"installing {package} with apt-get ...")
        subprocess.run(["apt-get", "install", "-y", package], capture_output=True, timeout=900)
        for exe in candidates if env_exe else system_pythons():
            if has_module(exe, module):
                return exe
    raise RuntimeUnavailable(f"no Python with {module} found (apt-get install {package})")


def uvloop_python(install=True, log=None):
    """A Python that can import uvloop; Debian's python3-uvloop is installed
    with apt-get when no interpreter has it."""
    return module_python("uvloop", "python3-uvloop", "ASYNCSPEC_UVLOOP_PYTHON", install=install, log=log)


def gbulb_python(install=True, log=None):
    """A Python that can import gbulb (a GLib-based asyncio event loop);
    Debian's python3-gbulb is installed with apt-get when no interpreter has it."""
    return module_python("gbulb", "python3-gbulb", "ASYNCSPEC_GBULB_PYTHON", install=install, log=log)


def pypy_python(install=True, log=None):
    """PyPy's python3 (Debian's pypy3: PyPy 7.3.11, Python 3.9 on bookworm),
    installed with apt-get when missing (and root); $ASYNCSPEC_PYPY3 first."""
    env_exe = os.environ.get("ASYNCSPEC_PYPY3")
    if env_exe:
        return Path(env_exe)
    exe = shutil.which("pypy3")
    if exe:
        return Path(exe)
    if install and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        if log:
            log("installing pypy3 with apt-get ...")
        subprocess.run(["apt-get", "install", "-y", "pypy3"], capture_output=True, timeout=900)
        exe = shutil.which("pypy3")
        if exe:
            return Path(exe)
    raise RuntimeUnavailable("pypy3 not found (apt-get install pypy3)")


# Debian's own interpreter (bookworm: 3.11.2), never a pyenv build.
SYSTEM_PYTHON = Path("/usr/bin/python3")


def system_python():
    """Debian's /usr/bin/python3; RuntimeUnavailable when it is missing."""
    if not SYSTEM_PYTHON.exists():
        raise RuntimeUnavailable(f"{SYSTEM_PYTHON} not found (apt-get install python3)")
    return SYSTEM_PYTHON
