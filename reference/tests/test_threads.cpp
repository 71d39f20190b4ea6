// Threads (threads.hpp): every scenario of spec/scenarios/threads/ ported and
// checked against its recorded CPython 3.13 trace; the executor, the
// concurrent future, and a stress test of call_soon_threadsafe and
// run_coroutine_threadsafe from several threads (run it under TSan; set
// ASYNCSPEC_STRESS=<operations per thread> for a longer run).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "asyncio/locks.hpp"
#include "asyncio/threads.hpp"
#include "spec_trace.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

using testing::expect_scenario;
using testing::json;
using testing::SpecTrace;
using testing::Ticker;
using testing::UserException;

// ============================================================ scenarios

// threads.call-soon-threadsafe.fifo
TEST(ThreadsSpec, call_soon_threadsafe_fifo) {
    expect_scenario("threads", "threads.call-soon-threadsafe-fifo", [](SpecTrace& tr) -> Coro<> {
        EventLoop& loop = get_running_loop();
        auto cb = [t = &tr](const char* name) { return [t, name] { t->log("cb", name); }; };
        loop.call_soon(cb("soon-1"));
        loop.call_soon_threadsafe(cb("threadsafe-2"));
        Handle h = loop.call_soon_threadsafe(cb("threadsafe-cancelled"));
        loop.call_soon(cb("soon-3"));
        loop.call_soon_threadsafe(cb("threadsafe-4"));
        h.cancel();
        tr.log("handle cancelled", h.cancelled());
        co_await sleep(0);
        tr.log("after one iteration");
    });
}

Coro<> rct_waiter(Event* ev, SpecTrace* tr) {
    tr->log("waiter started");
    try {
        co_await ev->wait();
    } catch (const CancelledError&) {
        tr->log("waiter cancelled");
        throw;
    }
}

Coro<std::string> rct_probe(SpecTrace* tr) {
    tr->log("probe ran");
    co_return "probe";
}

// threads.run-coroutine-threadsafe.cancel, threads.run-coroutine-threadsafe.fifo
TEST(ThreadsSpec, run_coroutine_threadsafe_cancel) {
    expect_scenario("threads", "threads.run-coroutine-threadsafe-cancel", [](SpecTrace& tr) -> Coro<> {
        EventLoop* loop = &get_running_loop();
        auto& ev = tr.make<Event>();
        auto in_thread = [loop, ev = &ev, t = &tr] {
            auto fut1 = run_coroutine_threadsafe(rct_waiter(ev, t), *loop);
            auto fut2 = run_coroutine_threadsafe(rct_probe(t), *loop);
            std::string p = fut2.result();
            bool c = fut1.cancel();
            return testing::list(p, c, fut1.cancelled());
        };
        json r = co_await to_thread(in_thread);
        tr.log("thread returned", r);
        co_await sleep(0);
        tr.log("event set", ev.is_set());
    });
}

Coro<int> rct_failing(SpecTrace* tr) {
    tr->log("coro running");
    throw UserException("Boom", std::vector<std::string>{"from coro"});
    co_return 0;
}

// threads.run-coroutine-threadsafe.exception
TEST(ThreadsSpec, run_coroutine_threadsafe_exception) {
    expect_scenario("threads", "threads.run-coroutine-threadsafe-exception", [](SpecTrace& tr) -> Coro<> {
        EventLoop* loop = &get_running_loop();
        auto in_thread = [loop, t = &tr] { return run_coroutine_threadsafe(rct_failing(t), *loop).result(); };
        try {
            co_await to_thread(in_thread);
        } catch (const UserException&) {
            tr.log("caught", std::current_exception());
        }
    });
}

Coro<int> rct_compute(SpecTrace* tr, int x) {
    tr->log("coro start", current_task() != nullptr);
    co_await sleep(2);
    tr->log("coro end");
    co_return x * 10;
}

// threads.run-coroutine-threadsafe.result
TEST(ThreadsSpec, run_coroutine_threadsafe_result) {
    expect_scenario("threads", "threads.run-coroutine-threadsafe-result", [](SpecTrace& tr) -> Coro<> {
        EventLoop* loop = &get_running_loop();
        auto in_thread = [loop, t = &tr] { return run_coroutine_threadsafe(rct_compute(t, 4), *loop).result(); };
        int r = co_await to_thread(in_thread);
        tr.log("thread returned", r);
    });
}

// threads.run-coroutine-threadsafe.type-error: no coroutine object (here a
// moved-from Coro) raises TypeError synchronously.
TEST(ThreadsSpec, run_coroutine_threadsafe_type_error) {
    expect_scenario("threads", "threads.run-coroutine-threadsafe-type-error", [](SpecTrace& tr) -> Coro<> {
        EventLoop* loop = &get_running_loop();
        auto in_thread = [loop] {
            Coro<int> empty = rct_compute(nullptr, 1);
            Coro<int> taken = std::move(empty);
            (void)run_coroutine_threadsafe(std::move(empty), *loop);
            return std::string("not reached");
        };
        try {
            co_await to_thread(in_thread);
        } catch (const TypeError&) {
            tr.log("caught", std::current_exception());
        }
    });
}

long work(int n) {
    long total = 0;
    for (int i = 0; i < n; ++i) total += i;
    return total;
}

Coro<> to_thread_runner(SpecTrace* tr) {
    long r = co_await to_thread([] { return work(1000); });
    tr->log("not reached", r);
}

// threads.to-thread.cancel-awaiter
TEST(ThreadsSpec, to_thread_cancel_awaiter) {
    expect_scenario("threads", "threads.to-thread-cancel-awaiter", [](SpecTrace& tr) -> Coro<> {
        auto t = create_task(to_thread_runner(&tr));
        co_await sleep(0);
        tr.log("cancel", t.cancel("stop"));
        try {
            co_await t;
        } catch (const CancelledError&) {
            tr.log("caught", std::current_exception());
        }
        tr.log("state", t.cancelled());
    });
}

// threads.to-thread.exception
TEST(ThreadsSpec, to_thread_exception) {
    expect_scenario("threads", "threads.to-thread-exception", [](SpecTrace& tr) -> Coro<> {
        auto explode = [](int x) -> int { throw UserException("Boom", json::array({"thread", x})); };
        try {
            co_await to_thread([explode] { return explode(7); });
        } catch (const UserException&) {
            tr.log("caught", std::current_exception());
        }
        tr.log("after");
    });
}

// threads.to-thread.result
TEST(ThreadsSpec, to_thread_result) {
    expect_scenario("threads", "threads.to-thread-result", [](SpecTrace& tr) -> Coro<json> {
        auto add = [](int a, int b) { return testing::list(a + b, a * b); };
        tr.log("before");
        json r = co_await to_thread([add] { return add(3, 4); });
        tr.log("result", r);
        co_return r;
    });
}

// ======================================================= iteration counts

// threads.to-thread.result: the worker's hand-back runs in one iteration and
// sets the future; the awaiting task resumes in the following one.
TEST(Threads, to_thread_result_arrives_by_call_soon_threadsafe) {
    EventLoop loop(Clock::virtual_);
    std::thread::id worker_id;
    auto main = [&]() -> Coro<int> {
        int v = co_await to_thread([&] {
            worker_id = std::this_thread::get_id();
            return 42;
        });
        co_return v;
    };
    EXPECT_EQ(run_until_complete(loop, main()), 42);
    EXPECT_NE(worker_id, std::this_thread::get_id());
    EXPECT_EQ(loop.time(), 0.0);
}

// run_in_executor with a job queued behind a busy worker: cancelling the
// awaiting task removes the job before it starts (it never runs), and the
// loop does not wait for it.
TEST(Threads, cancel_before_start_discards_the_job) {
    EventLoop loop(Clock::monotonic);
    ThreadPoolExecutor pool(1);
    std::atomic<bool> release{false};
    std::atomic<bool> second_ran{false};
    auto main = [&]() -> Coro<> {
        Future<int> first = run_in_executor(loop, &pool, [&] {
            while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 1;
        });
        Future<int> second = run_in_executor(loop, &pool, [&] {
            second_ran = true;
            return 2;
        });
        co_await sleep(0);
        EXPECT_TRUE(second.cancel());
        co_await sleep(0);  // the done callback cancels the pool's job
        release = true;
        EXPECT_EQ(co_await first, 1);
        EXPECT_TRUE(second.cancelled());
    };
    run_until_complete(loop, main());
    pool.shutdown(true);
    EXPECT_FALSE(second_ran.load());
}

// shutdown_default_executor: waits for the pool's threads, then
// run_in_executor(nullptr) raises RuntimeError.
TEST(Threads, shutdown_default_executor) {
    EventLoop loop(Clock::virtual_);
    auto main = [&]() -> Coro<> {
        EXPECT_EQ(co_await to_thread([] { return 5; }), 5);
        co_await shutdown_default_executor(loop);
        EXPECT_THROW(run_in_executor(loop, nullptr, [] { return 1; }), RuntimeError);
    };
    run_until_complete(loop, main());
}

// A job still running when the loop is destroyed: the destructor joins the
// executor's threads and frees the job whose hand-back found the loop closed.
TEST(Threads, loop_destroyed_with_a_running_job) {
    std::atomic<bool> started{false};
    {
        EventLoop loop(Clock::monotonic);
        auto main = [&]() -> Coro<> {
            Future<int> f = run_in_executor(loop, nullptr, [&] {
                started = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                return 1;
            });
            while (!started.load()) co_await sleep(0.001);
        };
        run_until_complete(loop, main());
    }
    EXPECT_TRUE(started.load());
}

// ConcurrentFuture: result(timeout), cancel() state machine, callbacks.
TEST(Threads, concurrent_future_basics) {
    ConcurrentFuture<int> f;
    EXPECT_THROW(f.result(0.01), TimeoutError);
    int called = 0;
    f.add_done_callback([&](ConcurrentFuture<int> g) { called += g.result(); });
    std::thread t([f]() mutable {
        EXPECT_TRUE(f.set_running_or_notify_cancel());
        f.set_result(3);
    });
    EXPECT_EQ(f.result(), 3);
    t.join();
    EXPECT_EQ(called, 3);
    EXPECT_FALSE(f.cancel());  // finished
    ConcurrentFuture<> g;
    EXPECT_TRUE(g.cancel());
    EXPECT_TRUE(g.cancelled());
    EXPECT_FALSE(g.set_running_or_notify_cancel());
    EXPECT_THROW(g.result(), CancelledError);
}

// ================================================================ stress

// Several threads hammer call_soon_threadsafe and run_coroutine_threadsafe
// while the loop runs; every callback runs exactly once and every coroutine
// completes exactly once (counted on the loop thread). Cheap by default.
Coro<int> stress_coro(int* counter, int value) {
    ++*counter;
    co_await sleep(0);
    co_return value;
}

TEST(ThreadsStress, call_soon_threadsafe_and_run_coroutine_threadsafe) {
    const char* env = std::getenv("ASYNCSPEC_STRESS");
    const int per_thread = env ? std::atoi(env) : 500;
    constexpr int kThreads = 4;
    EventLoop loop(Clock::monotonic);
    int callbacks = 0;  // loop thread only
    int coros = 0;      // loop thread only
    std::vector<int> per_thread_sum(kThreads, 0);
    const int expected_callbacks = kThreads * per_thread;
    const int expected_coros = kThreads * ((per_thread + 9) / 10);
    std::vector<std::thread> threads;
    Future<> all_done = create_future<>(loop);
    auto check = [&] {
        if (callbacks == expected_callbacks && coros == expected_coros && !all_done.done()) all_done.set_result();
    };
    auto main = [&]() -> Coro<> {
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                std::vector<ConcurrentFuture<int>> futs;
                for (int i = 0; i < per_thread; ++i) {
                    loop.call_soon_threadsafe([&] {
                        ++callbacks;
                        check();
                    });
                    if (i % 10 == 0) futs.push_back(run_coroutine_threadsafe(stress_coro(&coros, i), loop));
                }
                int sum = 0;
                for (auto& f : futs) sum += f.result();
                per_thread_sum[t] = sum;
                loop.call_soon_threadsafe(check);
            });
        }
        co_await all_done;
    };
    run_until_complete(loop, main());
    for (auto& th : threads) th.join();
    // Callbacks still queued would run more than once if duplicated: drain.
    loop.call_soon([&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(callbacks, expected_callbacks);
    EXPECT_EQ(coros, expected_coros);
    int expected_sum = 0;
    for (int i = 0; i < per_thread; i += 10) expected_sum += i;
    for (int s : per_thread_sum) EXPECT_EQ(s, expected_sum);
}

}  // namespace
}  // namespace asyncio
