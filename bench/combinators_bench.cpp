// Combinator benchmarks: gather and TaskGroup per child, wait_for and
// timeout when they do not fire, cancel + reap of a sleeping task, eager
// spawn of a task that completes synchronously, and the cost of one C++
// throw/catch of CancelledError (what bounds cancellation). ns_per_op is the
// figure to compare with the targets.
#include <benchmark/benchmark.h>

#include "asyncio/asyncio.hpp"

namespace {

using namespace asyncio;

void set_ns_per_op(benchmark::State& state, std::int64_t ops_per_iteration) {
    state.SetItemsProcessed(state.iterations() * ops_per_iteration);
    state.counters["ns_per_op"] = benchmark::Counter(static_cast<double>(state.iterations() * ops_per_iteration),
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

Coro<int> leaf(int i) { co_return i; }

// gather(*coros) with n children, awaited: per child (task create + first
// step + completion + gather's done callback + result).
Coro<std::size_t> gather_parent(std::int64_t n) {
    std::vector<Coro<int>> children;
    children.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) children.push_back(leaf(static_cast<int>(i)));
    std::vector<int> r = co_await gather(std::move(children));
    co_return r.size();
}

void gather_per_child(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, gather_parent(n)));
    set_ns_per_op(state, n);
}
BENCHMARK(gather_per_child)->Arg(1000);

// async with TaskGroup() as tg: n x tg.create_task(leaf()).
Coro<> taskgroup_parent(std::int64_t n) {
    TaskGroup tg;
    co_await tg.aenter();
    for (std::int64_t i = 0; i < n; ++i) tg.create_task(leaf(static_cast<int>(i)));
    co_await tg.aexit(nullptr);
}

void taskgroup_per_child(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, taskgroup_parent(n));
    set_ns_per_op(state, n);
}
BENCHMARK(taskgroup_per_child)->Arg(1000);

// await wait_for(coro, 10) where the coroutine returns at once (runs inline).
Coro<std::int64_t> wait_for_loop(std::int64_t n) {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += co_await wait_for(leaf(static_cast<int>(i)), 10.0);
    co_return sum;
}

void wait_for_not_firing(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, wait_for_loop(n)));
    set_ns_per_op(state, n);
}
BENCHMARK(wait_for_not_firing)->Arg(1000);

// async with timeout(10): <await an already-done future>, by hand (what
// wait_for and the IR interpreter do): arm + disarm the timer.
Coro<std::int64_t> timeout_loop(std::int64_t n, Future<int> done) {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        Timeout cm = timeout(10.0);
        co_await cm.aenter();
        sum += co_await done;
        co_await cm.aexit(nullptr);
    }
    co_return sum;
}

void timeout_not_firing(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    Future<int> done = create_future<int>(loop);
    done.set_result(1);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, timeout_loop(n, done)));
    set_ns_per_op(state, n);
}
BENCHMARK(timeout_not_firing)->Arg(1000);

// create_task(sleeper) + cancel() + await (catching CancelledError), n at a time.
Coro<> sleeper() { co_await asyncio::sleep(10.0); }

Coro<std::int64_t> cancel_reap_parent(std::int64_t n) {
    std::vector<Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) tasks.push_back(create_task(sleeper()));
    co_await asyncio::sleep(0);  // every child is asleep now
    for (Task<>& t : tasks) t.cancel();
    std::int64_t reaped = 0;
    for (Task<>& t : tasks) {
        try {
            co_await t;
        } catch (const CancelledError&) {
            ++reaped;
        }
    }
    co_return reaped;
}

void cancel_reap_sleeping_task(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, cancel_reap_parent(n)));
    set_ns_per_op(state, n);
}
BENCHMARK(cancel_reap_sleeping_task)->Arg(1000);

// One throw + catch of a CancelledError from an exception_ptr (the step
// throws the injected cancel into the coroutine, the promise classifies it,
// the awaiter rethrows it: three of these per cancel + reap).
void rethrow_cancelled_error(benchmark::State& state) {
    std::exception_ptr e = make_exception(CancelledError());
    std::int64_t caught = 0;
    for (auto _ : state) {
        try {
            std::rethrow_exception(e);
        } catch (const CancelledError&) {
            ++caught;
        }
    }
    benchmark::DoNotOptimize(caught);
    set_ns_per_op(state, 1);
}
BENCHMARK(rethrow_cancelled_error);

// eager_task_factory: create_task of a coroutine that returns at once (the
// task comes back done, never scheduled).
Coro<std::int64_t> eager_parent(std::int64_t n) {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += create_task(leaf(static_cast<int>(i))).result();
    co_return sum;
}

void eager_spawn_sync_complete(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    loop.set_task_factory(eager_task_factory);
    const std::int64_t n = state.range(0);
    for (auto _ : state) benchmark::DoNotOptimize(run_until_complete(loop, eager_parent(n)));
    set_ns_per_op(state, n);
}
BENCHMARK(eager_spawn_sync_complete)->Arg(1000);

}  // namespace
