"""Process clients: OracleProcess (one long-lived oracle, JSON lines, a
wall-clock timeout per request, restarted after a hang or crash) and
CommandProcess (a runner-protocol executable, conformance/PROTOCOL.md, shards
of a bundle with a per-result timeout). The checker, the recorder and the
fuzzer all run implementations through these two."""

import collections
import json
import os
import queue
import subprocess
import threading

from .. import paths
from .base import DEFAULT_TIMEOUT, RuntimeUnavailable, oracle_env


class OracleProcess:
    """One long-lived oracle process. run() sends a request and waits for the
    answer with a wall-clock timeout; after a timeout (status "hang") or an
    unexpected exit (status "crash") the process is restarted lazily."""

    def __init__(self, runtime):
        self.runtime = runtime
        self.proc = None
        self.python = None
        self.asyncio = None      # the oracle's ready line: "pure" (_PyTask/_PyFuture) or "c"
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
        self.asyncio = ready.get("asyncio")

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
