// The scheduling-latency workloads, written once over a benchmark adapter
// (bench_adapter.hpp), and their Google Benchmark registration.
//
// Each workload is a function `std::int64_t w(A& a, std::int64_t n)` that
// performs n operations on the adapter's loop and returns a checksum. The
// same workloads exist in Python (bench/python/workloads.py) with the same
// names and the same shape, so the figures compare like with like.
//
// A third party benchmarks its implementation with a main of its own:
//
//     #include <asyncspec/bench_workloads.hpp>
//     #include "my_bench_adapter.hpp"
//     int main(int argc, char** argv) {
//         asyncspec::bench::register_workloads<my::BenchAdapter>();
//         return asyncspec::bench::run_main(argc, argv);
//     }
//
// linked with benchmark::benchmark (and asyncspec::bench from the CMake
// package, or with bench/include on the include path). Benchmarks are named
// `<workload>/<A::name>`; `ns_per_op` is wall-clock nanoseconds per operation
// (for timer_lateness: the median lateness; p99_ns is the 99th percentile).
//
// ASYNCSPEC_BENCH_SLOWDOWN=FACTOR or WORKLOAD=FACTOR[,WORKLOAD=FACTOR...]
// stretches each measured batch by spinning (FACTOR - 1) times its duration:
// an artificial regression to check that the regression gate flags it.
#pragma once

#include <sys/prctl.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <semaphore>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "asyncspec/bench_adapter.hpp"

#if __has_include(<benchmark/benchmark.h>) && !defined(ASYNCSPEC_BENCH_NO_GBENCH)
#include <benchmark/benchmark.h>
#define ASYNCSPEC_BENCH_HAVE_GBENCH 1
#endif

namespace asyncspec::bench {

namespace w {

template <class A>
using coro = typename A::template coro<int>;

template <class A>
coro<A> leaf(int i) {
    co_return i;
}

template <class A>
coro<A> sleeper(A& a, double delay) {
    co_await a.sleep(delay);
    co_return 0;
}

// call_soon: n x call_soon(cb), then call_soon(stop) and run_forever (all
// in one iteration).
template <class A>
std::int64_t call_soon(A& a, std::int64_t n) {
    std::int64_t count = 0;
    for (std::int64_t i = 0; i < n; ++i) a.call_soon([&count] { ++count; });
    a.call_soon([&a] { a.stop(); });
    a.run_forever();
    return count;
}

template <class A, bool Later>
struct Chain {
    A* a;
    std::int64_t* left;
    void operator()() const {
        if (--*left > 0) {
            if constexpr (Later)
                a->call_later(0.0, *this);
            else
                a->call_soon(*this);
        } else {
            a->stop();
        }
    }
};

// call_soon_chain: each callback call_soon's the next: one per iteration.
template <class A>
std::int64_t call_soon_chain(A& a, std::int64_t n) {
    std::int64_t left = n;
    a.call_soon(Chain<A, false>{&a, &left});
    a.run_forever();
    return n - left;
}

// call_later_0: each callback call_later(0)'s the next (timer heap path).
template <class A>
std::int64_t call_later_0(A& a, std::int64_t n) {
    std::int64_t left = n;
    a.call_later(0.0, Chain<A, true>{&a, &left});
    a.run_forever();
    return n - left;
}

template <class A>
coro<A> spawner(A& a, std::int64_t n) {
    int sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += co_await a.create_task(leaf<A>(1));
    co_return sum;
}

// task_spawn: `await create_task(leaf())` n times (create + first step +
// complete + wake the awaiting task).
template <class A>
std::int64_t task_spawn(A& a, std::int64_t n) {
    return a.run(spawner(a, n));
}

// task_spawn_eager: the same under the eager task factory (the child
// completes inside create_task; the await does not suspend).
template <class A>
std::int64_t task_spawn_eager(A& a, std::int64_t n) {
    a.set_eager(true);
    struct Reset {
        A& a;
        ~Reset() { a.set_eager(false); }
    } reset{a};
    return a.run(spawner(a, n));
}

template <class A>
coro<A> pinger(A& a, std::int64_t k) {
    for (std::int64_t i = 0; i < k; ++i) co_await a.sleep(0.0);
    co_return 0;
}

template <class A>
coro<A> pingpong(A& a, std::int64_t n) {
    auto t1 = a.create_task(pinger(a, n / 2));
    auto t2 = a.create_task(pinger(a, n - n / 2));
    int r = co_await t1;
    r += co_await t2;
    co_return r;
}

// sleep0_pingpong: two tasks alternate `await sleep(0)`; n sleeps in total.
template <class A>
std::int64_t sleep0_pingpong(A& a, std::int64_t n) {
    return a.run(pingpong(a, n)) + n;
}

template <class A>
std::vector<coro<A>> leaves(std::int64_t n) {
    std::vector<coro<A>> children;
    children.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) children.push_back(leaf<A>(1));
    return children;
}

template <class A>
coro<A> gather_parent(A& a, std::int64_t n) {
    std::vector<int> r = co_await a.gather(leaves<A>(n));
    co_return static_cast<int>(r.size());
}

// gather_per_child: `await gather(*[leaf() for _ in range(n)])`.
template <class A>
std::int64_t gather_per_child(A& a, std::int64_t n) {
    return a.run(gather_parent(a, n));
}

template <class A>
coro<A> taskgroup_parent(A& a, std::int64_t n) {
    co_await a.taskgroup(leaves<A>(n));
    co_return static_cast<int>(n);
}

// taskgroup_per_child: `async with TaskGroup() as tg:` n x tg.create_task(leaf()).
template <class A>
std::int64_t taskgroup_per_child(A& a, std::int64_t n) {
    return a.run(taskgroup_parent(a, n));
}

template <class A>
coro<A> taskgroup_empty_loop(A& a, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) co_await a.taskgroup({});
    co_return static_cast<int>(n);
}

// taskgroup_empty: `async with TaskGroup(): pass` n times: the per-group cost
// (entry, exit, state) without children.
template <class A>
std::int64_t taskgroup_empty(A& a, std::int64_t n) {
    return a.run(taskgroup_empty_loop(a, n));
}

template <class A>
coro<A> cancel_reap_parent(A& a, std::int64_t n) {
    using task = typename A::template task<int>;
    std::vector<task> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) tasks.push_back(a.create_task(sleeper(a, 10.0)));
    co_await a.sleep(0.0);  // every child is asleep now
    for (task& t : tasks) a.cancel(t);
    int reaped = 0;
    for (task& t : tasks) {
        try {
            co_await t;
        } catch (...) {
            ++reaped;
        }
    }
    co_return reaped;
}

// cancel_reap: create n tasks sleeping 10 s, cancel each, await each
// (catching CancelledError).
template <class A>
std::int64_t cancel_reap(A& a, std::int64_t n) {
    return a.run(cancel_reap_parent(a, n));
}

template <class A>
coro<A> wait_for_loop(A& a, std::int64_t n) {
    int sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += co_await a.wait_for(leaf<A>(1), 10.0);
    co_return sum;
}

// wait_for_nofire: `await wait_for(leaf(), 10)` n times.
template <class A>
std::int64_t wait_for_nofire(A& a, std::int64_t n) {
    return a.run(wait_for_loop(a, n));
}

template <class A>
coro<A> timeout_loop(A& a, std::int64_t n) {
    int sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += co_await a.timeout(10.0, leaf<A>(1));
    co_return sum;
}

// timeout_nofire: `async with timeout(10): await leaf()` n times.
template <class A>
std::int64_t timeout_nofire(A& a, std::int64_t n) {
    return a.run(timeout_loop(a, n));
}

template <class A>
coro<A> timeout_fire_loop(A& a, std::int64_t n) {
    int fired = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        try {
            co_await a.timeout(0.0, sleeper(a, 10.0));
        } catch (...) {
            ++fired;
        }
    }
    co_return fired;
}

// timeout_fire: `async with timeout(0): await sleep(10)` raising TimeoutError, n times.
template <class A>
std::int64_t timeout_fire(A& a, std::int64_t n) {
    return a.run(timeout_fire_loop(a, n));
}

// threadsafe_roundtrip: another thread call_soon_threadsafe's a callback
// that wakes it back (a semaphore), n times; the loop idles in between.
template <class A>
std::int64_t threadsafe_roundtrip(A& a, std::int64_t n) {
    std::binary_semaphore reply{0};
    std::int64_t count = 0;
    std::thread other([&] {
        for (std::int64_t i = 0; i < n; ++i) {
            a.call_soon_threadsafe([&] {
                ++count;
                reply.release();
            });
            reply.acquire();
        }
        a.call_soon_threadsafe([&a] { a.stop(); });
    });
    a.run_forever();
    other.join();
    return count;
}

template <class A>
struct LatenessTimer {
    A* a;
    std::int64_t* left;
    double when;
    std::vector<double>* lateness;
    void operator()() const {
        lateness->push_back(a->time() - when);
        if (--*left > 0) {
            const double next = a->time() + 0.001;
            a->call_at(next, LatenessTimer{a, left, next, lateness});
        } else {
            a->stop();
        }
    }
};

// timer_lateness: n chained 1 ms timers (call_at(time() + 0.001)); each
// records loop.time() - when at its callback (seconds).
template <class A>
std::int64_t timer_lateness(A& a, std::int64_t n, std::vector<double>& lateness) {
    std::int64_t left = n;
    const double first = a.time() + 0.001;
    a.call_at(first, LatenessTimer<A>{&a, &left, first, &lateness});
    a.run_forever();
    return n - left;
}

template <class A>
coro<A> noop() {
    co_return 0;
}

enum class TreeKind { gather, taskgroup };

// pyperformance's async_tree ("none" variant): at each node, gather (or a
// TaskGroup of) `branches` recursive calls; leaves await an empty coroutine.
template <class A, TreeKind K>
coro<A> tree(A& a, int level, int branches) {
    if (level == 0) {
        co_await noop<A>();
        co_return 1;
    }
    std::vector<coro<A>> children;
    children.reserve(static_cast<std::size_t>(branches));
    for (int i = 0; i < branches; ++i) children.push_back(tree<A, K>(a, level - 1, branches));
    if constexpr (K == TreeKind::gather) {
        std::vector<int> r = co_await a.gather(std::move(children));
        int sum = 1;
        for (int x : r) sum += x;
        co_return sum;
    } else {
        co_await a.taskgroup(std::move(children));
        co_return 1;
    }
}

constexpr int kTreeLevels = 6;
constexpr int kTreeBranches = 6;  // 1 + 6 + ... + 6^6 = 55,987 coroutines

// async_tree: n trees of 6 levels x 6 branches with gather at each node.
template <class A>
std::int64_t async_tree(A& a, std::int64_t n) {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += a.run(tree<A, TreeKind::gather>(a, kTreeLevels, kTreeBranches));
    return sum;
}
template <class A>
std::int64_t async_tree_taskgroup(A& a, std::int64_t n) {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += a.run(tree<A, TreeKind::taskgroup>(a, kTreeLevels, kTreeBranches));
    return sum;
}
template <class A>
std::int64_t async_tree_eager(A& a, std::int64_t n) {
    a.set_eager(true);
    struct Reset {
        A& a;
        ~Reset() { a.set_eager(false); }
    } reset{a};
    return async_tree(a, n);
}

}  // namespace w

// The batch workloads: name, operations per batch, function.
template <class A>
struct BatchWorkload {
    std::string_view name;
    std::int64_t batch;
    std::int64_t (*fn)(A&, std::int64_t);
};

template <BenchAdapter A>
std::vector<BatchWorkload<A>> batch_workloads() {
    return {
        {"call_soon", 1000, &w::call_soon<A>},
        {"call_soon_chain", 1000, &w::call_soon_chain<A>},
        {"call_later_0", 1000, &w::call_later_0<A>},
        {"task_spawn", 1000, &w::task_spawn<A>},
        {"task_spawn_eager", 1000, &w::task_spawn_eager<A>},
        {"sleep0_pingpong", 1000, &w::sleep0_pingpong<A>},
        {"gather_per_child", 1000, &w::gather_per_child<A>},
        {"taskgroup_per_child", 1000, &w::taskgroup_per_child<A>},
        {"taskgroup_empty", 1000, &w::taskgroup_empty<A>},
        {"cancel_reap", 1000, &w::cancel_reap<A>},
        {"wait_for_nofire", 1000, &w::wait_for_nofire<A>},
        {"timeout_nofire", 1000, &w::timeout_nofire<A>},
        {"timeout_fire", 1000, &w::timeout_fire<A>},
        {"threadsafe_roundtrip", 1000, &w::threadsafe_roundtrip<A>},
        {"async_tree", 1, &w::async_tree<A>},
        {"async_tree_taskgroup", 1, &w::async_tree_taskgroup<A>},
        {"async_tree_eager", 1, &w::async_tree_eager<A>},
    };
}

// ---- artificial slowdown (regression-gate demonstration) ---------------------

// The factor for `workload` from ASYNCSPEC_BENCH_SLOWDOWN, 1.0 if none.
inline double slowdown_factor(std::string_view workload) {
    const char* env = std::getenv("ASYNCSPEC_BENCH_SLOWDOWN");
    if (!env || !*env) return 1.0;
    std::string_view spec(env);
    while (!spec.empty()) {
        const std::size_t comma = spec.find(',');
        std::string_view item = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) return std::strtod(std::string(item).c_str(), nullptr);
        if (item.substr(0, eq) == workload) return std::strtod(std::string(item.substr(eq + 1)).c_str(), nullptr);
    }
    return 1.0;
}

inline void spin_for(std::chrono::nanoseconds d) {
    const auto end = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < end) {
    }
}

// Runs one batch; with a slowdown factor f > 1, spins (f - 1) x its duration.
template <class F>
std::int64_t run_batch(double slowdown, F&& batch) {
    if (slowdown <= 1.0) return batch();
    const auto t0 = std::chrono::steady_clock::now();
    const std::int64_t r = batch();
    const auto dt = std::chrono::steady_clock::now() - t0;
    spin_for(std::chrono::duration_cast<std::chrono::nanoseconds>(dt * (slowdown - 1.0)));
    return r;
}

// Nearest-rank percentile of sorted samples.
inline double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0.0;
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

#ifdef ASYNCSPEC_BENCH_HAVE_GBENCH

// Wall-clock ns per operation over the whole measured loop.
class WallClock {
public:
    void start() { t0_ = std::chrono::steady_clock::now(); }
    void finish(benchmark::State& state, std::int64_t ops) const {
        const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0_).count();
        state.SetItemsProcessed(ops);
        state.counters["ns_per_op"] = benchmark::Counter(ops > 0 ? ns / static_cast<double>(ops) : 0.0);
    }

private:
    std::chrono::steady_clock::time_point t0_;
};

inline std::string bench_name(std::string_view workload, std::string_view impl) {
    std::string name(workload);
    name += '/';
    name += impl;
    return name;
}

// Registers every workload for adapter A as `<workload>/<impl>`.
template <BenchAdapter A>
void register_workloads(std::string_view impl = A::name) {
    for (const BatchWorkload<A>& wl : batch_workloads<A>()) {
        const double slowdown = slowdown_factor(wl.name);
        auto* b =
            benchmark::RegisterBenchmark(bench_name(wl.name, impl).c_str(), [wl, slowdown](benchmark::State& state) {
                A a;
                benchmark::DoNotOptimize(wl.fn(a, wl.batch));  // warm the pools
                std::int64_t ops = 0;
                WallClock clock;
                clock.start();
                for (auto _ : state) {
                    benchmark::DoNotOptimize(run_batch(slowdown, [&] { return wl.fn(a, wl.batch); }));
                    ops += wl.batch;
                }
                clock.finish(state, ops);
            });
        if (wl.batch == 1)
            b->Unit(benchmark::kMillisecond);
        else
            b->Unit(benchmark::kMicrosecond);
    }
    const double slowdown = slowdown_factor("timer_lateness");
    benchmark::RegisterBenchmark(bench_name("timer_lateness", impl).c_str(), [slowdown](benchmark::State& state) {
        A a;
        std::vector<double> lateness;
        std::vector<double> warm;
        w::timer_lateness(a, 20, warm);
        for (auto _ : state) {
            lateness.reserve(lateness.size() + 500);
            run_batch(slowdown, [&] { return w::timer_lateness(a, 500, lateness); });
        }
        std::sort(lateness.begin(), lateness.end());
        const double early =
            static_cast<double>(std::count_if(lateness.begin(), lateness.end(), [](double x) { return x < 0; }));
        state.counters["ns_per_op"] = percentile(lateness, 50) * 1e9 * slowdown;
        state.counters["p99_ns"] = percentile(lateness, 99) * 1e9 * slowdown;
        state.counters["early"] = early;
        state.counters["samples"] = static_cast<double>(lateness.size());
    })->Unit(benchmark::kMillisecond);
}

// The benchmark main: timer slack 1 ns for this thread (timer_lateness
// measures the loop, not the kernel's default 50 us slack), then Google
// Benchmark.
inline int run_main(int argc, char** argv) {
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

#endif  // ASYNCSPEC_BENCH_HAVE_GBENCH

}  // namespace asyncspec::bench
