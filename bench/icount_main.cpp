// The deterministic CI gate's workload runner: each workload of a reduced set
// runs once to warm the pools, then `n` operations between CALLGRIND_ZERO_STATS
// and CALLGRIND_DUMP_STATS_AT(<workload>). Under
//   valgrind --tool=callgrind --collect-atstart=no ... bench_icount
// each dump holds the exact instruction count of n operations
// (bench/icount.py divides and compares with bench/baseline/instructions.json).
// The loop runs on the virtual clock: no clock reads, no system calls in the
// measured part. Prints `<workload> <n>` per workload on stdout.
#include <valgrind/callgrind.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define ASYNCSPEC_BENCH_NO_GBENCH
#include "asyncspec/bench_workloads.hpp"
#include "reference_bench_adapter.hpp"

int main(int argc, char** argv) {
    using A = asyncspec::ReferenceVirtualBenchAdapter;
    if (argc > 1 && std::string_view(argv[1]) == "--iterations") {
        // Loop iterations each workload takes for n = 10 (bench/tests compare
        // them with CPython 3.13's: the workloads have the same shape).
        for (const auto& wl : asyncspec::bench::batch_workloads<A>()) {
            if (wl.name == "threadsafe_roundtrip") continue;
            A a;
            const std::int64_t n = wl.batch == 1 ? 1 : 10;
            wl.fn(a, n);
            std::printf("%.*s %llu\n", static_cast<int>(wl.name.size()), wl.name.data(),
                        static_cast<unsigned long long>(a.iterations()));
        }
        return 0;
    }
    const std::int64_t n = argc > 1 ? std::strtoll(argv[1], nullptr, 10) : 500;
    const std::string_view only = argc > 2 ? argv[2] : "";
    // No threads, no real time; the trees only when named (profiling: 75M instructions each).
    for (const auto& wl : asyncspec::bench::batch_workloads<A>()) {
        if (wl.name == "threadsafe_roundtrip") continue;
        if (wl.batch == 1 && only.empty()) continue;  // trees: only when named (profiling)
        if (!only.empty() && wl.name != only) continue;
        const std::string name(wl.name);
        A a;
        std::int64_t sum = wl.fn(a, n);
        CALLGRIND_ZERO_STATS;
        CALLGRIND_START_INSTRUMENTATION;
        sum += wl.fn(a, n);
        CALLGRIND_STOP_INSTRUMENTATION;
        CALLGRIND_DUMP_STATS_AT(name.c_str());
        std::printf("%.*s %lld %lld\n", static_cast<int>(wl.name.size()), wl.name.data(), static_cast<long long>(n),
                    static_cast<long long>(sum));
    }
    return 0;
}
