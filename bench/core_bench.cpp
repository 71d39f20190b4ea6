// Reference benchmarks: call_soon + dispatch, and task spawn (create + first
// step + complete + awaiter wake). Figures are ns per operation.
#include <benchmark/benchmark.h>

#include "asyncio/asyncio.hpp"

namespace {

using namespace asyncio;

// call_soon (batch): schedule `batch` callbacks, run one iteration.
void call_soon_batch(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const int batch = static_cast<int>(state.range(0));
    std::uint64_t counter = 0;
    for (auto _ : state) {
        for (int i = 0; i < batch; ++i) loop.call_soon([&counter] { ++counter; });
        loop.run_once();
    }
    benchmark::DoNotOptimize(counter);
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["ns_per_op"] =
        benchmark::Counter(static_cast<double>(state.iterations() * batch), benchmark::Counter::kIsRate |
                                                                                benchmark::Counter::kInvert);
}
BENCHMARK(call_soon_batch)->Arg(1000);

// task_spawn: a parent creates a child task and awaits it.
Coro<int> child() { co_return 1; }

Coro<std::uint64_t> spawner(std::int64_t n) {
    std::uint64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += static_cast<std::uint64_t>(co_await create_task(child()));
    co_return sum;
}

void task_spawn(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, spawner(n)));
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["ns_per_op"] = benchmark::Counter(static_cast<double>(state.iterations() * n),
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(task_spawn)->Arg(1000);

}  // namespace
