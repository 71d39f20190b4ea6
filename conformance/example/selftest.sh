#!/usr/bin/env bash
# The adopter's route, end to end (run by `./asyncspec test`): this example
# project is configured and built against asyncspec both ways an adopter can
# get it: green on its faithful adapter both ways, through ctest; red on its
# broken one, and both through the runner protocol and the benchmark package,
# via the installed package (the same code).
#
#   conformance/example/selftest.sh BUILD_DIR [package|subdirectory]...
#
# BUILD_DIR is a built asyncspec tree (build/default): `package` installs it
# into a temporary prefix and uses find_package(asyncspec); `subdirectory`
# includes the checkout with add_subdirectory(). Default: both.
set -euo pipefail

EXAMPLE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$EXAMPLE/../.." && pwd)"
BUILD="$(cd "${1:?usage: selftest.sh BUILD_DIR [package|subdirectory]...}" && pwd)"
shift
ROUTES=("$@")
[ ${#ROUTES[@]} -gt 0 ] || ROUTES=(package subdirectory)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/asyncspec-example.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
JOBS="$(nproc)"
failures=0

fail() {
    echo "example: FAIL: $*" >&2
    failures=$((failures + 1))
}

# How many scenarios the bundle holds: what a green ctest must have run.
scenario_count() {
    python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["scenarios"]))' "$1"
}

# ctest on one suite: prints "<tests> <failed> <one-scenario processes>".
run_suite() {
    local dir="$1" suite="$2" log="$WORK/$2.$3.log"
    ctest --test-dir "$dir" -R "^$suite\\." -j "$JOBS" --no-tests=error -V >"$log" 2>&1 || true
    local total failed ran_one
    total="$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$log")"
    failed="$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$log")"
    ran_one="$(grep -c 'Running 1 test from 1 test suite' "$log" || true)"
    echo "${total:-0} ${failed:-0} ${ran_one:-0}"
}

check_route() {
    local route="$1" dir="$WORK/$1" bundle
    echo "-- example via $route"
    local config=(-DASYNCSPEC_VIA="$route" -DCMAKE_CXX_FLAGS=-O1)
    if [ "$route" = package ]; then
        cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null
        config+=(-DCMAKE_PREFIX_PATH="$WORK/prefix")
        bundle="$WORK/prefix/share/asyncspec/asyncspec-bundle.json"
    else
        config+=(-DASYNCSPEC_SOURCE_DIR="$ROOT")
        bundle="$dir/asyncspec-bundle.json"
    fi
    cmake -S "$EXAMPLE" -B "$dir" "${config[@]}" >"$WORK/$route.configure.log" 2>&1 ||
        { cat "$WORK/$route.configure.log" >&2; fail "$route: configure"; return; }
    # The subdirectory route builds the good adapter's GoogleTest suite only:
    # the broken suite, the runners and the benchmark are the same code,
    # checked via the package.
    local targets=()
    [ "$route" = package ] || targets=(--target example_good_conformance)
    local t0=$SECONDS
    cmake --build "$dir" -j "$JOBS" "${targets[@]+"${targets[@]}"}" >"$WORK/$route.build.log" 2>&1 ||
        { tail -40 "$WORK/$route.build.log" >&2; fail "$route: build"; return; }
    echo "   built in $((SECONDS - t0)) s"
    [ -f "$bundle" ] || { fail "$route: no bundle at $bundle"; return; }
    local n
    n="$(scenario_count "$bundle")"

    # ctest: the good adapter passes every scenario, each test running exactly one.
    t0=$SECONDS
    read -r total failed ran_one <<<"$(run_suite "$dir" Good "$route")"
    echo "   ctest Good: $total tests, $failed failed, $ran_one ran exactly one scenario (bundle: $n scenarios; $((SECONDS - t0)) s)"
    [ "$total" -eq "$n" ] && [ "$failed" -eq 0 ] && [ "$ran_one" -eq "$n" ] ||
        fail "$route: ctest Good should pass $n of $n tests, each running one scenario"
    # ... and the broken one fails, on a scenario of the clause it breaks.
    if [ "$route" = package ]; then
        read -r total failed ran_one <<<"$(run_suite "$dir" Broken "$route")"
        echo "   ctest Broken: $total tests, $failed failed"
        [ "$total" -eq "$n" ] && [ "$failed" -gt 0 ] || fail "$route: ctest Broken should fail"
        grep -q 'Broken.cancel/cancel.before-first-step (Failed)' "$WORK/Broken.$route.log" ||
            fail "$route: ctest Broken should fail cancel.before-first-step (clause cancel.message)"
    fi
    # $ASYNCSPEC_BUNDLE overrides the built-in bundle, under ctest too.
    python3 - "$bundle" "$WORK/small-bundle.json" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
b["scenarios"] = [s for s in b["scenarios"] if s["area"] == "sleep"]
json.dump(b, open(sys.argv[2], "w"))
EOF
    local small
    small="$(scenario_count "$WORK/small-bundle.json")"
    read -r total failed ran_one <<<"$(ASYNCSPEC_BUNDLE="$WORK/small-bundle.json" run_suite "$dir" Good "$route-small")"
    echo "   ctest Good with ASYNCSPEC_BUNDLE (the sleep area): $total tests, $failed failed"
    [ "$total" -eq "$small" ] && [ "$failed" -eq 0 ] && [ "$small" -gt 0 ] ||
        fail "$route: ASYNCSPEC_BUNDLE should select the $small scenarios of its bundle under ctest"
    # A test naming no scenario of the bundle runs nothing, and so fails.
    if "$dir/example_good_conformance" --gtest_filter=Good.cancel/no-such-scenario --asyncspec-exactly-one \
        >/dev/null 2>&1; then
        fail "$route: a test of a scenario missing from the bundle passed"
    fi

    [ "$route" = package ] || return 0

    # The runner protocol, through the harness.
    local rc=0
    "$ROOT/asyncspec" check --impl-command "$dir/example-runner-good" -q >"$WORK/$route.good.txt" 2>&1 || rc=$?
    echo "   check --impl-command example-runner-good: rc $rc"
    [ "$rc" -eq 0 ] || { tail -20 "$WORK/$route.good.txt" >&2; fail "$route: the good runner should be green (rc 0)"; }
    rc=0
    "$ROOT/asyncspec" check --impl-command "$dir/example-runner-broken" -q >"$WORK/$route.broken.txt" 2>&1 || rc=$?
    echo "   check --impl-command example-runner-broken: rc $rc"
    [ "$rc" -eq 1 ] || fail "$route: the broken runner should be red (rc 1, got $rc)"

    # The benchmark package: the workloads run on the adopter's adapter.
    "$dir/example_bench" --benchmark_filter='^call_soon/' --benchmark_min_time=0.01 \
        --benchmark_format=json >"$WORK/$route.bench.json" 2>/dev/null || fail "$route: example_bench failed"
    python3 - "$WORK/$route.bench.json" <<'EOF' || fail "$route: example_bench reported no call_soon figure"
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
assert any(b["name"].startswith("call_soon/") and b.get("ns_per_op", 0) > 0 for b in runs), runs
EOF
    echo "   example_bench: call_soon measured"
}

for route in "${ROUTES[@]}"; do
    case "$route" in
        package | subdirectory) check_route "$route" ;;
        *) echo "selftest.sh: unknown route '$route' (package or subdirectory)" >&2; exit 2 ;;
    esac
done
[ "$failures" -eq 0 ] && echo "example: green adapter green, broken adapter red, via ${ROUTES[*]}"
[ "$failures" -eq 0 ]
