"""Test doubles for `check`: fake runner-protocol executables and a CLI driver.

make_runner(dir, features, behaviours) writes a Python script speaking
conformance/PROTOCOL.md that answers each scenario with its expected trace
for `profile`, unless `behaviours[id]` says otherwise:
    "crash"      exit with a signal-like code before answering
    "hang"       sleep forever
    "wrong"      answer the trace reversed
    "garbled"    answer the trace with its last event's values replaced
    "garbage"    print a non-JSON line instead of the result
    "error"      answer status "error" (the runner could not run it)
    "loop-error" answer the right trace plus loop_errors
A scenario without IR is answered status "error", "no IR: ..." (as the
reference runner does). `prelude` is Python run before answering.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from asyncspec import paths

RUNNER = textwrap.dedent('''
    import json, os, sys, time
    args = sys.argv[1:]
    if args == ["--describe"]:
        print(json.dumps({"protocol": 1, "implementation": NAME, "profile": PROFILE, "features": FEATURES}))
        sys.exit(0)
    bundle_path = args[args.index("--bundle") + 1]
    bundle = json.load(open(bundle_path))
    PRELUDE
    if "--id" in args:
        ids = [args[i + 1] for i, a in enumerate(args) if a == "--id"]
    elif "--ids-from" in args:
        ids = [l.strip() for l in open(args[args.index("--ids-from") + 1]) if l.strip()]
    else:
        ids = [s["id"] for s in bundle["scenarios"]]
    wanted = set(ids)
    for sc in bundle["scenarios"]:                      # bundle order, as the protocol says
        sid = sc["id"]
        if sid not in wanted:
            continue
        what = BEHAVIOURS.get(sid)
        if sc.get("ir") is None:
            print(json.dumps({"id": sid, "status": "error", "error": "no IR: " + sc.get("ir_error", "")}), flush=True)
            continue
        if what == "crash":
            sys.stderr.write("fake runner: segmentation fault in " + sid + "\\n")
            sys.exit(-11 % 256)
        if what == "hang":
            time.sleep(3600)
        if what == "garbage":
            print("Segmentation fault? no: this runner wrote debugging output on stdout, " * 3, flush=True)
            continue
        if what == "error":
            print(json.dumps({"id": sid, "status": "error", "error": "cannot render a logged value"}), flush=True)
            continue
        trace = sc["expected"][PROFILE]
        doc = {"id": sid, "file": sc["file"], "status": "ok", "trace": trace}
        if what == "wrong":
            doc["trace"] = list(reversed(trace))
        if what == "garbled":
            doc["trace"] = trace[:-1] + [dict(trace[-1], v=["garbled"])] if trace else [{"t": 0, "v": ["x"]}]
        if what == "loop-error":
            doc["loop_errors"] = ["Exception in callback boom() raised ZeroDivisionError"]
        print(json.dumps(doc), flush=True)
''')


def make_runner(directory, features, behaviours=None, profile="3.13", name="fake", prelude=""):
    """Write the fake runner into `directory`; -> the command line for --impl-command."""
    script = Path(directory) / f"{name}_runner.py"
    text = (RUNNER.replace("NAME", repr(name)).replace("PROFILE", repr(profile))
            .replace("FEATURES", repr(sorted(features))).replace("BEHAVIOURS", repr(behaviours or {}))
            .replace("PRELUDE", textwrap.dedent(prelude).strip() or "pass"))
    script.write_text(text, encoding="utf-8")
    return f"{sys.executable} {script}"


def all_features():
    from asyncspec.spec import clauses

    return sorted(clauses.load_features())


def cli(*argv, cwd=None, env=None, timeout=300):
    """Run `python3 spec/harness/asyncspec ARGV...`; -> CompletedProcess (text)."""
    return subprocess.run([*paths.CLI, *map(str, argv)],
                          capture_output=True, text=True, cwd=cwd or str(paths.REPO_DIR), env=env,
                          timeout=timeout)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
