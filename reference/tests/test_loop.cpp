// base_events (Lib/asyncio/base_events.py): what the spec's scenarios cannot
// express. call_soon/call_later/call_at ordering, iterations, handle
// cancellation, callback errors and loop.time() are checked by
// spec/scenarios/loop/ (run on the reference by `ctest -R '^Reference\.'`);
// the tests here cover the clock modes, loop internals no program can
// observe (the heap rebuild rule, callbacks released on cancel, heapq order
// where the spec leaves it undefined), stop()/run_forever()/close(), the
// virtual loop's stall and step limit, a real cross-thread wakeup, and two
// rules no scenario checks yet (the exception handler's context,
// BaseException out of run_forever).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::Trace;

// loop.timer.equal-when-unordered (IMPL-DEFINED): equal deadlines pop in heapq's order, which the
// reference reproduces exactly. The same program (8 x call_at(1.0), then
// call_at(2.0, stop)) on CPython 3.13 with a virtual clock prints
// [0, 2, 6, 5, 7, 1, 3, 4].
TEST(Loop, equal_deadlines_pop_in_heapq_order) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    for (int i = 0; i < 8; ++i) loop.call_at(1.0, [&trace, i] { trace.log(std::to_string(i)); });
    loop.call_at(2.0, [&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"0", "2", "6", "5", "7", "1", "3", "4"}));
}

// Clock modes: the virtual clock starts at 0 and jumps to the next timer
// when nothing is ready (loop.time.call-later-is-call-at: call_later(d) is
// call_at(time() + d)).
TEST(Loop, virtual_clock_starts_at_zero_and_jumps_to_the_next_timer) {
    EventLoop loop(Clock::virtual_);
    EXPECT_EQ(loop.time(), 0.0);
    std::vector<double> seen;
    auto h = loop.call_later(2.5, [&] { seen.push_back(loop.time()); });
    EXPECT_EQ(h.when(), 2.5);
    loop.call_at(1.25, [&] { seen.push_back(loop.time()); });
    loop.call_at(3.0, [&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(seen, (std::vector<double>{1.25, 2.5}));
    EXPECT_EQ(loop.time(), 3.0);
}

TEST(Loop, monotonic_clock_never_goes_backwards) {
    EventLoop loop(Clock::monotonic);
    double last = loop.time();
    for (int i = 0; i < 1000; ++i) {
        const double now = loop.time();
        ASSERT_GE(now, last);
        last = now;
    }
}

// loop.handle.cancel (internals): a cancelled handle releases its callback
// (and what it captured) at once, not when the loop reaches it.
TEST(Loop, cancelled_handle_releases_its_callback_at_once) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto captured = std::make_shared<int>(7);
    Handle h = loop.call_soon([&trace, captured] { trace.log("cancelled ran"); });
    loop.call_soon([&] { trace.log("other"); });
    TimerHandle t = loop.call_later(1, [&trace, captured] { trace.log("timer ran"); });
    EXPECT_EQ(captured.use_count(), 3);
    h.cancel();
    t.cancel();
    EXPECT_TRUE(h.cancelled());
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(captured.use_count(), 1);
    loop.call_later(2, [&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"other"}));
}

// loop.handle.cancel, loop.timer.order-by-when: more than 100 timers with over
// half cancelled: the heap is rebuilt and the live ones still run in deadline order.
TEST(Loop, timer_heap_is_rebuilt_when_most_timers_are_cancelled) {
    EventLoop loop(Clock::virtual_);
    std::vector<int> order;
    std::vector<TimerHandle> handles;
    for (int i = 0; i < 300; ++i) handles.push_back(loop.call_at(1.0 + i, [&order, i] { order.push_back(i); }));
    for (int i = 0; i < 300; ++i)
        if (i % 3 != 0) handles[static_cast<size_t>(i)].cancel();
    loop.call_soon([] {});
    loop.run_once();
    EXPECT_EQ(loop.timer_count(), 100u);
    loop.call_at(1000, [&] { loop.stop(); });
    loop.run_forever();
    ASSERT_EQ(order.size(), 100u);
    for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], static_cast<int>(3 * i));
}

// loop.callback.exception-continues: a raising callback goes to the
// exception handler, with a message and the exception; the loop goes on.
// Scenario loop.callback-exception-continues checks that the loop goes on,
// not what a handler set with set_exception_handler() gets.
TEST(Loop, callback_exception_reaches_the_handler_with_its_context) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    loop.set_exception_handler([&](EventLoop&, const ExceptionContext& ctx) {
        trace.log(ctx.message + ": " + exception_repr(ctx.exception));
    });
    loop.call_soon([] { throw ValueError("boom"); });
    loop.call_soon([&] { trace.log("next callback"); });
    loop.call_soon([&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"Exception in callback: ValueError('boom')", "next callback"}));
}

// Unlike an Exception (loop.callback.exception-continues), KeyboardInterrupt
// and SystemExit raised by a callback propagate out of run_forever. No
// scenario checks it yet.
TEST(Loop, keyboard_interrupt_and_system_exit_propagate_out_of_run_forever) {
    EventLoop loop(Clock::virtual_);
    loop.call_soon([] { throw KeyboardInterrupt(); });
    EXPECT_THROW(loop.run_forever(), KeyboardInterrupt);
    EXPECT_FALSE(loop.is_running());
    loop.call_soon([] { throw SystemExit(); });
    EXPECT_THROW(loop.run_forever(), SystemExit);
}

// stop() (no scenario can stop the loop asyncio.run drives) finishes the
// current iteration; handles scheduled during it stay queued for the next run.
TEST(Loop, stop_finishes_the_current_iteration) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    loop.call_soon([&] {
        loop.stop();
        loop.call_soon([&] { trace.log("next run"); });
    });
    loop.call_soon([&] { trace.log("same iteration"); });
    loop.run_forever();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"same iteration"}));
    EXPECT_EQ(loop.ready_count(), 1u);
    loop.call_soon([&] { loop.stop(); });
    loop.run_forever();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"same iteration", "next run"}));
}

// stop() before run_forever runs exactly one iteration.
TEST(Loop, stop_before_run_forever_runs_one_iteration) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    loop.call_soon([&] {
        trace.log("first");
        loop.call_soon([&] { trace.log("second"); });
    });
    loop.stop();
    const auto before = loop.iterations();
    loop.run_forever();
    EXPECT_EQ(loop.iterations() - before, 1u);
    EXPECT_EQ(trace.events, (std::vector<std::string>{"first"}));
}

TEST(Loop, close_refuses_running_and_discards_pending_handles) {
    EventLoop loop(Clock::virtual_);
    auto captured = std::make_shared<int>(1);
    loop.call_soon([captured] {});
    loop.call_later(5, [captured] {});
    loop.close();
    EXPECT_TRUE(loop.is_closed());
    EXPECT_EQ(captured.use_count(), 1);
    EXPECT_THROW(loop.run_forever(), RuntimeError);
}

TEST(Loop, virtual_loop_with_nothing_to_do_reports_a_stall) {
    EventLoop loop(Clock::virtual_);
    EXPECT_THROW(loop.run_forever(), EventLoopStalled);
}

TEST(Loop, step_limit_stops_an_endless_program) {
    EventLoop loop(Clock::virtual_);
    struct Again {
        EventLoop* loop;
        void operator()() const { loop->call_soon(Again{loop}); }
    };
    loop.call_soon(Again{&loop});
    loop.max_iterations = 1000;
    EXPECT_THROW(loop.run_forever(), EventLoopStalled);
    EXPECT_EQ(loop.iterations(), 1000u);
}

TEST(Loop, get_running_loop_outside_a_loop_raises) {
    EXPECT_THROW(get_running_loop(), RuntimeError);
    EventLoop loop(Clock::virtual_);
    EventLoop* seen = nullptr;
    loop.call_soon([&] {
        seen = &get_running_loop();
        loop.stop();
    });
    loop.run_forever();
    EXPECT_EQ(seen, &loop);
}

// A real thread: call_soon_threadsafe wakes a loop blocked in epoll_wait
// (monotonic clock, nothing scheduled).
TEST(Loop, call_soon_threadsafe_wakes_a_loop_blocked_in_epoll) {
    EventLoop loop(Clock::monotonic);
    std::atomic<int> ran{0};
    std::thread producer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        for (int i = 0; i < 100; ++i) loop.call_soon_threadsafe([&] { ++ran; });
        loop.call_soon_threadsafe([&] { loop.stop(); });
    });
    loop.run_forever();
    producer.join();
    EXPECT_EQ(ran.load(), 100);
}

}  // namespace
}  // namespace asyncio
