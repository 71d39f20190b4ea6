// Physical floors, measured in the same run as the implementations and
// named `<workload>/floor`: what the workload costs with no asyncio at all.
//   call_soon, call_soon_chain  fn-pointer + void* ring buffer: enqueue + dispatch
//   sleep0_pingpong             bare coroutine resume + suspend (two coroutines alternating)
//   task_spawn                  bare coroutine frame: create (heap) + run to the end + destroy
//   threadsafe_roundtrip        eventfd ping + eventfd pong between two threads
//   cancel_reap                 the two throws a cancel needs, in bare coroutines: thrown into
//                               a child suspended at an await (it escapes the child's frame),
//                               then rethrown from the finished child into its awaiter
//   timeout_fire                the same chain one level deeper, shaped like the workload
//                               (loop -> `timeout` scope coroutine -> body coroutine): into the
//                               body, rethrown at the scope's await, the TimeoutError raised by
//                               the scope, rethrown at the loop's await: four throws
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
#include <utility>
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

// ---- exception throw chains ---------------------------------------------------------

struct Cancelled : std::exception {};
struct TimedOut : std::exception {};

// A bare coroutine that can be awaited (symmetric transfer, like the
// reference's Coro) or started and resumed by hand (like a task's step), and
// keeps what escaped its body for the awaiter to rethrow.
struct Chain {
    struct promise_type {
        std::exception_ptr raised;
        std::exception_ptr injected;  // thrown in at the suspension point on resume
        std::coroutine_handle<> continuation;
        Chain get_return_object() { return Chain{std::coroutine_handle<promise_type>::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct Final {
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) const noexcept {
                if (h.promise().continuation) return h.promise().continuation;
                return std::noop_coroutine();
            }
            void await_resume() const noexcept {}
        };
        Final final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() { raised = std::current_exception(); }
    };
    using Handle = std::coroutine_handle<promise_type>;
    Handle h;
    Chain(Chain&& o) noexcept : h(std::exchange(o.h, {})) {}
    explicit Chain(Handle handle) : h(handle) {}
    ~Chain() {
        if (h) h.destroy();
    }
    // Awaiting a finished chain rethrows what escaped it; a fresh one runs inline.
    bool await_ready() const noexcept { return h.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
        h.promise().continuation = awaiting;
        return h;
    }
    void await_resume() {
        if (h.promise().raised) std::rethrow_exception(h.promise().raised);
    }
};

// Suspends; on resume throws what was injected into the suspended
// coroutine's promise (a task's step throwing into the coroutine).
struct Suspension {
    Chain::promise_type* p = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(Chain::Handle h) noexcept { p = &h.promise(); }
    void await_resume() const {
        if (p->injected) std::rethrow_exception(p->injected);
    }
};

Chain suspended_child() { co_await Suspension{}; }

// Starts a child to its suspension and throws a fresh Cancelled into it
// (throw 1: it escapes the child's body into its promise).
Chain cancelled_child() {
    Chain child = suspended_child();
    child.h.resume();
    child.h.promise().injected = std::make_exception_ptr(Cancelled());
    child.h.resume();
    return child;
}

// The parent: per op, a cancelled child awaited (throw 2) and caught.
Chain reap_parent(std::int64_t n, std::int64_t* caught) {
    for (std::int64_t i = 0; i < n; ++i) {
        Chain child = cancelled_child();
        try {
            co_await child;
        } catch (const Cancelled&) {
            ++*caught;
        }
    }
}

// timeout_fire's shape: the expiry's Cancelled escapes the suspended body
// (throw 1); the scope catches it at its await (throw 2) and raises TimedOut
// (throw 3); the loop catches that at its await of the scope (throw 4).
Chain timeout_scope(Chain body) {
    try {
        co_await body;
    } catch (const Cancelled&) {
        throw TimedOut();
    }
}
Chain timeout_loop(std::int64_t n, std::int64_t* fired) {
    for (std::int64_t i = 0; i < n; ++i) {
        try {
            co_await timeout_scope(cancelled_child());
        } catch (const TimedOut&) {
            ++*fired;
        }
    }
}

// Runs a chain's loop coroutine over kBatch ops per iteration; `caught`
// counts the ops that ended in the expected exception.
template <Chain (*Loop)(std::int64_t, std::int64_t*)>
void throw_chain(benchmark::State& state) {
    std::int64_t caught = 0;
    WallClock clock;
    clock.start();
    for (auto _ : state) {
        Chain loop = Loop(kBatch, &caught);
        loop.h.resume();
    }
    clock.finish(state, state.iterations() * kBatch);
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
    benchmark::RegisterBenchmark("cancel_reap/floor", throw_chain<reap_parent>)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("timeout_fire/floor", throw_chain<timeout_loop>)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("threadsafe_roundtrip/floor", eventfd_roundtrip)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("timer_lateness/floor", epoll_timer_lateness)->Unit(benchmark::kMillisecond);
}

}  // namespace asyncspec::bench
