// Reference benchmarks of the synchronization primitives, queues and thread
// hand-offs (locks.hpp, queues.hpp, threads.hpp). Figures are ns per
// operation (counter ns_per_op).
#include <benchmark/benchmark.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "asyncio/asyncio.hpp"

namespace {

using namespace asyncio;

void set_ns_per_op(benchmark::State& state, std::int64_t ops) {
    state.SetItemsProcessed(state.iterations() * ops);
    state.counters["ns_per_op"] = benchmark::Counter(static_cast<double>(state.iterations() * ops),
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// lock.acquire.fast-path: acquire + release of a free lock (no suspension).
Coro<> lock_uncontended(Lock* lock, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        co_await lock->acquire();
        lock->release();
    }
}
void sync_lock_uncontended(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    Lock lock;
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, lock_uncontended(&lock, n));
    set_ns_per_op(state, n);
}
BENCHMARK(sync_lock_uncontended)->Arg(10000);

// lock.release.wakes-one: two tasks hand a lock back and forth; one op =
// one hand-off (release -> the waiter resumes holding it).
Coro<> lock_pingpong_worker(Lock* lock, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        co_await lock->acquire();
        co_await asyncio::sleep(0);
        lock->release();
    }
}
Coro<> lock_pingpong(Lock* lock, std::int64_t n) {
    auto a = create_task(lock_pingpong_worker(lock, n));
    auto b = create_task(lock_pingpong_worker(lock, n));
    co_await a;
    co_await b;
}
void sync_lock_handoff(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    Lock lock;
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, lock_pingpong(&lock, n));
    set_ns_per_op(state, 2 * n);
}
BENCHMARK(sync_lock_handoff)->Arg(1000);

// event.set.wakes-all: 100 waiters, one set(), all resume; one op = one waiter.
Coro<> event_waiter(Event* ev) { co_await ev->wait(); }
Coro<> event_round(std::int64_t waiters) {
    Event ev;
    std::vector<Task<>> ts;
    ts.reserve(static_cast<std::size_t>(waiters));
    for (std::int64_t i = 0; i < waiters; ++i) ts.push_back(create_task(event_waiter(&ev)));
    co_await asyncio::sleep(0);
    ev.set();
    for (auto& t : ts) co_await t;
}
void sync_event_wake(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, event_round(n));
    set_ns_per_op(state, n);
}
BENCHMARK(sync_event_wake)->Arg(100);

// queue: put_nowait + get() of a non-empty queue (no suspension).
Coro<> queue_fast(Queue<int>* q, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        q->put_nowait(static_cast<int>(i));
        benchmark::DoNotOptimize(co_await q->get());
    }
}
void sync_queue_put_get_fast(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    Queue<int> q;
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, queue_fast(&q, n));
    set_ns_per_op(state, n);
}
BENCHMARK(sync_queue_put_get_fast)->Arg(10000);

// queue.put.wakes-getter / queue.put.blocks-when-full: producer and consumer
// tasks through a Queue(1); one op = one item (two suspensions).
Coro<> producer(Queue<int>* q, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) co_await q->put(static_cast<int>(i));
}
Coro<> consumer(Queue<int>* q, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) benchmark::DoNotOptimize(co_await q->get());
}
Coro<> queue_pipe(Queue<int>* q, std::int64_t n) {
    auto c = create_task(consumer(q, n));
    auto p = create_task(producer(q, n));
    co_await p;
    co_await c;
}
void sync_queue_producer_consumer(benchmark::State& state) {
    EventLoop loop(Clock::virtual_);
    Queue<int> q(1);
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, queue_pipe(&q, n));
    set_ns_per_op(state, n);
}
BENCHMARK(sync_queue_producer_consumer)->Arg(1000);

// call_soon_threadsafe round trip: another thread schedules a callback on a
// running (blocked) loop, which answers through a condition variable.
void threads_call_soon_threadsafe_roundtrip(benchmark::State& state) {
    EventLoop loop(Clock::monotonic);
    std::mutex m;
    std::condition_variable cv;
    std::uint64_t answered = 0;
    loop.add_external_work();  // keep the loop blocking in epoll
    std::thread runner([&] { loop.run_forever(); });
    std::uint64_t sent = 0;
    for (auto _ : state) {
        ++sent;
        loop.call_soon_threadsafe([&] {
            std::lock_guard lock(m);
            ++answered;
            cv.notify_one();
        });
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return answered == sent; });
    }
    loop.call_soon_threadsafe([&] { loop.stop(); });
    runner.join();
    loop.done_external_work();
    set_ns_per_op(state, 1);
}
BENCHMARK(threads_call_soon_threadsafe_roundtrip)->UseRealTime();

// to_thread: a task awaits a trivial function run on the default executor.
Coro<> to_thread_loop(std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) benchmark::DoNotOptimize(co_await to_thread([] { return 1; }));
}
void threads_to_thread(benchmark::State& state) {
    EventLoop loop(Clock::monotonic);
    const std::int64_t n = state.range(0);
    for (auto _ : state) run_until_complete(loop, to_thread_loop(n));
    set_ns_per_op(state, n);
}
BENCHMARK(threads_to_thread)->Arg(100)->UseRealTime();

}  // namespace
