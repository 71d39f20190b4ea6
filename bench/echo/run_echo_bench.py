#!/usr/bin/env python3
"""Echo benchmark: the reference's streams echo server (examples/echo_server)
side by side with the same server on CPython asyncio and on uvloop, driven on
loopback by bench/echo/echo_load (a separate process) at 1, 10 and 100
connections. Prints requests/s and p50/p99 round-trip latency.

    python3 bench/echo/run_echo_bench.py --build-dir build/default [--duration 2]

The reference server and the load generator come from the build directory
(targets echo_server and echo_load); the Python servers run on
--python (default: this interpreter) and --uvloop-python (default
/usr/bin/python3, where Debian's python3-uvloop installs). A server whose
runtime is missing is reported as skipped."""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def start_server(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("listening on"):
        proc.kill()
        err = proc.stderr.read()
        raise RuntimeError(f"{cmd[0]}: did not start: {line!r} {err.strip()[-300:]}")
    return proc, int(line.rsplit(":", 1)[1])


def stop_server(proc):
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def has_module(python, module):
    try:
        return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "default"))
    ap.add_argument("--duration", type=float, default=2.0, help="measured seconds per configuration")
    ap.add_argument("--warmup", type=float, default=0.3)
    ap.add_argument("--connections", default="1,10,100")
    ap.add_argument("--size", type=int, default=64, help="bytes per request line")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--uvloop-python", default="/usr/bin/python3")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    server_bin = os.path.join(args.build_dir, "examples", "echo_server")
    load_bin = os.path.join(args.build_dir, "bench", "echo", "echo_load")
    for b in (server_bin, load_bin):
        if not os.path.exists(b):
            sys.exit(f"missing {b}: build the echo_server and echo_load targets")
    py_server = os.path.join(HERE, "echo_server.py")
    servers = [
        ("reference (C++)", [server_bin, "0"], True),
        (f"asyncio ({os.path.basename(args.python)})", [args.python, py_server, "0"], True),
        ("uvloop", [args.uvloop_python, py_server, "--uvloop", "0"], has_module(args.uvloop_python, "uvloop")),
    ]
    conns = [int(c) for c in args.connections.split(",")]
    results = []
    for name, cmd, available in servers:
        if not available:
            print(f"# {name}: skipped (not installed)", file=sys.stderr)
            continue
        proc, port = start_server(cmd)
        try:
            for n in conns:
                out = subprocess.run(
                    [load_bin, "--port", str(port), "--connections", str(n), "--duration", str(args.duration),
                     "--warmup", str(args.warmup), "--size", str(args.size)],
                    capture_output=True, text=True, timeout=args.duration + args.warmup + 30)
                if out.returncode != 0:
                    raise RuntimeError(f"echo_load failed against {name}: {out.stderr.strip()}")
                r = json.loads(out.stdout)
                r["server"] = name
                results.append(r)
                time.sleep(0.2)
        finally:
            stop_server(proc)

    print(f"{'server':<22} {'conns':>5} {'requests/s':>12} {'p50 us':>9} {'p99 us':>9}")
    for r in results:
        print(f"{r['server']:<22} {r['connections']:>5} {r['rps']:>12.0f} {r['p50_us']:>9.1f} {r['p99_us']:>9.1f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
