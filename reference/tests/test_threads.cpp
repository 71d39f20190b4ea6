// threads (Lib/asyncio/threads.py, run_in_executor, run_coroutine_threadsafe,
// call_soon_threadsafe): what the spec's scenarios cannot express.
// to_thread, run_coroutine_threadsafe and call_soon_threadsafe as a program
// sees them are checked by spec/scenarios/threads/ (run on the reference by
// `ctest -R '^Reference\.'`); the tests here cover real threads: the worker
// thread, the executor (a job cancelled before it starts, shutdown, a loop
// destroyed with a running job), the concurrent future, and a stress test of
// call_soon_threadsafe and run_coroutine_threadsafe from several threads
// (run it under TSan; set ASYNCSPEC_STRESS=<operations per thread> for a
// longer run).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "asyncio/threads.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

// A real thread: to_thread runs the function on a worker thread, not the
// loop's, and hands the typed result back (threads.to-thread.result).
TEST(Threads, to_thread_runs_the_function_on_a_worker_thread) {
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

// ConcurrentFuture: result(timeout), cancel() state machine, callbacks,
// across a real thread.
TEST(Threads, concurrent_future_result_cancel_and_callbacks) {
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
