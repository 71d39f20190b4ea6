// Physical floors, measured in the same run as the implementations and
// named `<workload>/floor`: what the workload costs with no asyncio at all.
//   call_soon, call_soon_chain  fn-pointer + void* ring buffer: enqueue + dispatch
//   sleep0_pingpong             bare coroutine resume + suspend (two coroutines alternating)
//   task_spawn                  bare coroutine frame: create (heap) + run to the end + destroy
//   threadsafe_roundtrip        eventfd ping + eventfd pong between two threads
//   cancel_reap                 one C++ throw + catch from an exception_ptr: cancellation is
//                               an exception raised at the await, so this bounds it from below
//   timer_lateness              epoll_pwait2 until a 1 ms deadline (timer slack 1 ns)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <coroutine>
#include <cstdint>
#include <ctime>
#include <exception>
#include <thread>
#include <vector>

#include "asyncspec/bench_workloads.hpp"
#include "floors.hpp"

namespace asyncspec::bench {

namespace {

constexpr std::int64_t kBatch = 1000;

// ---- ring buffer ---------------------------------------------------------------

class Ring {
public:
    using Fn = void (*)(void*);
    void push(Fn fn, void* arg) { buf_[tail_++ & kMask] = {fn, arg}; }
    bool run_one() {
        if (head_ == tail_) return false;
        const Entry e = buf_[head_++ & kMask];
        e.fn(e.arg);
        return true;
    }
    // Runs the entries present now (one "iteration").
    void run_ready() {
        const std::uint64_t end = tail_;
        while (head_ != end) run_one();
    }

private:
    struct Entry {
        Fn fn;
        void* arg;
    };
    static constexpr std::uint64_t kMask = 4095;
    std::array<Entry, kMask + 1> buf_{};
    std::uint64_t head_ = 0;
    std::uint64_t tail_ = 0;
};

void count_one(void* p) { ++*static_cast<std::int64_t*>(p); }

void ring_batch(benchmark::State& state) {
    Ring ring;
    std::int64_t count = 0;
    Ring::Fn fn = &count_one;
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        benchmark::DoNotOptimize(fn);  // an opaque pointer: no inlining
        for (std::int64_t i = 0; i < kBatch; ++i) ring.push(fn, &count);
        ring.run_ready();
    }
    benchmark::DoNotOptimize(count);
    clock.finish(state, state.iterations() * kBatch);
}

struct ChainState {
    Ring* ring;
    Ring::Fn fn;
    std::int64_t left;
};
void chain_step(void* p) {
    auto* s = static_cast<ChainState*>(p);
    if (--s->left > 0) s->ring->push(s->fn, s);
}

void ring_chain(benchmark::State& state) {
    Ring ring;
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        ChainState s{&ring, &chain_step, kBatch};
        benchmark::DoNotOptimize(s.fn);
        ring.push(s.fn, &s);
        while (ring.run_one()) {
        }
    }
    clock.finish(state, state.iterations() * kBatch);
}

// ---- bare coroutines -------------------------------------------------------------

struct Bare {
    struct promise_type {
        Bare get_return_object() { return Bare{std::coroutine_handle<promise_type>::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() { std::terminate(); }
    };
    std::coroutine_handle<promise_type> h;
};

Bare forever(std::int64_t* counter) {
    for (;;) {
        ++*counter;
        co_await std::suspend_always{};
    }
}

void coroutine_resume(benchmark::State& state) {
    std::int64_t c1 = 0;
    std::int64_t c2 = 0;
    Bare a = forever(&c1);
    Bare b = forever(&c2);
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        for (std::int64_t i = 0; i < kBatch / 2; ++i) {
            a.h.resume();
            b.h.resume();
        }
    }
    clock.finish(state, state.iterations() * kBatch);
    benchmark::DoNotOptimize(c1 + c2);
    a.h.destroy();
    b.h.destroy();
}

Bare one_shot(std::int64_t* counter) {
    ++*counter;
    co_return;
}

void coroutine_frame(benchmark::State& state) {
    std::int64_t count = 0;
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        for (std::int64_t i = 0; i < kBatch; ++i) {
            Bare b = one_shot(&count);
            b.h.resume();
            b.h.destroy();
        }
    }
    clock.finish(state, state.iterations() * kBatch);
    benchmark::DoNotOptimize(count);
}

// ---- exception rethrow -------------------------------------------------------------

struct Cancelled : std::exception {};

void rethrow_catch(benchmark::State& state) {
    const std::exception_ptr e = std::make_exception_ptr(Cancelled());
    std::int64_t caught = 0;
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        try {
            std::rethrow_exception(e);
        } catch (const Cancelled&) {
            ++caught;
        }
    }
    clock.finish(state, state.iterations());
    benchmark::DoNotOptimize(caught);
}

// ---- eventfd round trip ---------------------------------------------------------

void eventfd_roundtrip(benchmark::State& state) {
    const int ping = eventfd(0, EFD_CLOEXEC);
    const int pong = eventfd(0, EFD_CLOEXEC);
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        std::thread other([&] {
            std::uint64_t v = 1;
            for (std::int64_t i = 0; i < kBatch; ++i) {
                v = 1;
                [[maybe_unused]] ssize_t n = ::write(ping, &v, sizeof v);
                n = ::read(pong, &v, sizeof v);
            }
        });
        std::uint64_t v = 0;
        for (std::int64_t i = 0; i < kBatch; ++i) {
            [[maybe_unused]] ssize_t n = ::read(ping, &v, sizeof v);
            v = 1;
            n = ::write(pong, &v, sizeof v);
        }
        other.join();
    }
    clock.finish(state, state.iterations() * kBatch);
    ::close(ping);
    ::close(pong);
}

// ---- 1 ms timer lateness ----------------------------------------------------------

double monotonic_now() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void epoll_timer_lateness(benchmark::State& state) {
    const int ep = epoll_create1(EPOLL_CLOEXEC);
    std::vector<double> lateness;
    for (auto _ : state) {
        for (int i = 0; i < 500; ++i) {
            const double when = monotonic_now() + 0.001;
            double now = monotonic_now();
            while (now < when) {  // as the loop does: wait the remaining time, re-check
                const double left = when - now;
                timespec ts{};
                ts.tv_sec = static_cast<time_t>(left);
                ts.tv_nsec = static_cast<long>((left - static_cast<double>(ts.tv_sec)) * 1e9);
                epoll_event ev[1];
                if (epoll_pwait2(ep, ev, 1, &ts, nullptr) < 0 && errno == ENOSYS)
                    epoll_wait(ep, ev, 1, static_cast<int>(std::ceil(left * 1e3)));
                now = monotonic_now();
            }
            lateness.push_back(now - when);
        }
    }
    ::close(ep);
    std::sort(lateness.begin(), lateness.end());
    state.counters["ns_per_op"] = percentile(lateness, 50) * 1e9;
    state.counters["p99_ns"] = percentile(lateness, 99) * 1e9;
    state.counters["early"] = 0;
    state.counters["samples"] = static_cast<double>(lateness.size());
}

}  // namespace

void register_floors() {
    benchmark::RegisterBenchmark("call_soon/floor", ring_batch)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("call_soon_chain/floor", ring_chain)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("task_spawn/floor", coroutine_frame)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("sleep0_pingpong/floor", coroutine_resume)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("cancel_reap/floor", rethrow_catch)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("threadsafe_roundtrip/floor", eventfd_roundtrip)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("timer_lateness/floor", epoll_timer_lateness)->Unit(benchmark::kMillisecond);
}

}  // namespace asyncspec::bench
