#!/usr/bin/env bash
# Coverage-guided fuzzing of the conformance runner's input: bundle and IR
# parsing, planning, interpretation on the reference adapter and trace
# matching (conformance/fuzz/fuzz_ir.cpp), with libFuzzer under ASan + UBSan.
#
#   conformance/fuzz/run_fuzz_ir.sh --seconds N
#
# Installs clang-14 and libclang-rt-14-dev with apt-get when dpkg says they
# are missing, builds the target in build/asan (the `asan` preset: clang-14,
# ASan + UBSan, every file instrumented for coverage; `./asyncspec test` has
# built it already), writes the seed corpus (per spec scenario: a bundle
# holding it and its IR document alone) into build/asan/fuzz/seeds unless it
# exists, replays conformance/fuzz/regressions/*, then fuzzes for N seconds
# (new inputs in build/asan/fuzz/corpus, findings in
# build/asan/fuzz/artifacts/<time>/).
# Exit status: 0 when the regressions pass and the fuzzer ran some executions
# without a crash, leak, timeout or out-of-memory; 1 otherwise; 2 on usage.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="$ROOT/build/asan"
TARGET="$BUILD/conformance/fuzz/asyncspec_fuzz_ir"
DATA="$BUILD/fuzz" # seeds, corpus, artifacts
MAX_LEN=16384   # the largest seed is about 11 KB
MAX_CORPUS=4000 # more inputs on disk are merged down to the features they cover

usage() {
    echo "usage: $0 --seconds N" >&2
    exit 2
}
seconds=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds)
            [ $# -ge 2 ] || usage
            seconds="$2"
            shift 2
            ;;
        -h | --help) usage ;;
        *) usage ;;
    esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage

say() { echo "fuzz-ir: $*" >&2; }

# ---- packages: only those dpkg does not list as installed -------------------
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        say "need root to run: $*"
        return 1
    fi
}
missing=()
for p in clang-14 libclang-rt-14-dev cmake make python3 nlohmann-json3-dev libgtest-dev libgmock-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# ---- build (the asan preset: clang++-14, -fsanitize=address,undefined,fuzzer-no-link)
cd "$ROOT"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake --preset asan >"$BUILD.configure.log" 2>&1 || {
        cat "$BUILD.configure.log" >&2
        exit 1
    }
fi
cmake --build "$BUILD" -j "$(nproc)" --target asyncspec_fuzz_ir >&2

# ---- seeds: one bundle per scenario, the suite's own ------------------------
if [ ! -d "$DATA/seeds" ]; then
    harness=spec/harness/asyncspec # the harness package (formerly spec/harness/cli.py)
    [ -e "$harness" ] || harness=spec/harness/cli.py
    python3 "$harness" bundle -o "$DATA/seed-bundle.json" >&2
    python3 - "$DATA/seed-bundle.json" "$DATA/seeds.tmp" <<'EOF'
import json, os, sys
bundle = json.load(open(sys.argv[1]))
os.makedirs(sys.argv[2], exist_ok=True)
head = {k: bundle[k] for k in ("bundle_version", "suite_version", "ir_version") if k in bundle}
for sc in bundle["scenarios"]:
    sc = {k: v for k, v in sc.items() if k not in ("description", "source_lines")}  # small inputs
    with open(os.path.join(sys.argv[2], sc["id"] + ".json"), "w") as f:
        json.dump(dict(head, scenarios=[sc]), f, separators=(",", ":"), sort_keys=True)
    if sc.get("ir"):  # and the IR document alone, as `RUNNER --ir FILE` reads it
        with open(os.path.join(sys.argv[2], sc["id"] + ".ir.json"), "w") as f:
            json.dump(sc["ir"], f, separators=(",", ":"), sort_keys=True)
EOF
    mv "$DATA/seeds.tmp" "$DATA/seeds"
    say "$(find "$DATA/seeds" -type f | wc -l) seeds in build/asan/fuzz/seeds"
fi
mkdir -p "$DATA/corpus"
run_dir="$DATA/artifacts/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run_dir"
common=(-rss_limit_mb=2048 -timeout=10 -max_len=$MAX_LEN)

# ---- regressions first: each fixed crash input, run once -------------------
shopt -s nullglob
regressions=("$HERE"/regressions/*)
if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$TARGET" "${common[@]}" -artifact_prefix="$run_dir/" "${regressions[@]}" >"$run_dir/regressions.log" 2>&1; then
        grep -E "^(Running|==[0-9]+==ERROR|SUMMARY)" "$run_dir/regressions.log" >&2 || true
        say "FAIL: a regression input crashes again (log: ${run_dir#"$ROOT"/}/regressions.log)"
        exit 1
    fi
    say "${#regressions[@]} regression inputs pass"
fi

# ---- fuzz ---------------------------------------------------------------------
say "fuzzing for ${seconds} s"
set +e
"$TARGET" "${common[@]}" -max_total_time="$seconds" -dict="$HERE/ir.dict" -print_final_stats=1 \
    -artifact_prefix="$run_dir/" "$DATA/corpus" "$DATA/seeds" >"$run_dir/fuzz.log" 2>&1
rc=$?
set -e
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run_dir/fuzz.log" | tail -1)
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run_dir/fuzz.log" | tail -1)
if [ -z "$execs" ]; then # no final stats after a crash: the last status line
    execs=$(grep -oE '^#[0-9]+' "$run_dir/fuzz.log" | tail -1 | tr -d '#')
fi
execs=${execs:-0}
findings=("$run_dir"/crash-* "$run_dir"/leak-* "$run_dir"/timeout-* "$run_dir"/oom-* "$run_dir"/slow-unit-*)
crashes=0
for f in "${findings[@]}"; do case "$(basename "$f")" in slow-unit-*) ;; *) crashes=$((crashes + 1)) ;; esac done
say "$execs executions (${speed:-?} exec/s), $crashes crashes; corpus $(ls "$DATA/corpus" | wc -l) inputs; log ${run_dir#"$ROOT"/}/fuzz.log"
if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    grep -E "==[0-9]+==ERROR|SUMMARY|Test unit written" "$run_dir/fuzz.log" >&2 || true
    say "FAIL: libFuzzer exit status $rc; findings in ${run_dir#"$ROOT"/}/ (add the fixed ones to conformance/fuzz/regressions/)"
    exit 1
fi
if [ "$execs" -eq 0 ]; then
    say "FAIL: zero executions"
    exit 1
fi

# ---- keep the corpus small: every run starts by executing all of it ---------
if [ "$(find "$DATA/corpus" -type f | wc -l)" -gt "$MAX_CORPUS" ]; then
    rm -rf "$DATA/corpus.min"
    mkdir -p "$DATA/corpus.min"
    if "$TARGET" "${common[@]}" -merge=1 "$DATA/corpus.min" "$DATA/corpus" >"$run_dir/merge.log" 2>&1; then
        rm -rf "$DATA/corpus"
        mv "$DATA/corpus.min" "$DATA/corpus"
        say "corpus minimized to $(find "$DATA/corpus" -type f | wc -l) inputs"
    fi
fi
