// tasks (Lib/asyncio/tasks.py): what the spec's scenarios cannot express.
// Task creation, names, current_task/all_tasks, awaiting, cancellation,
// uncancel() and sleep() are checked by spec/scenarios/{tasks,cancel,sleep}/
// (run on the reference by `ctest -R '^Reference\.'`); the tests here cover
// the C++ surface (current_task() outside a running loop, exception objects
// through Coro<T>/Task<T>, asyncio::run's return value and clean-up) and the
// timers sleep() leaves on the loop, which no program can see.
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "support.hpp"

namespace asyncio {
namespace {

// current_task() outside a running loop raises RuntimeError (no program
// running under asyncio.run can be outside its loop); the loop forgets its
// tasks once they are done.
TEST(Task, current_task_outside_a_running_loop_raises) {
    EventLoop loop(Clock::virtual_);
    EXPECT_THROW(current_task(), RuntimeError);
    auto child = []() -> Coro<> { co_await sleep(1); };
    auto t = create_task(loop, child());
    run_until_complete(loop, t);
    EXPECT_THROW(current_task(), RuntimeError);
    EXPECT_TRUE(all_tasks(loop).empty());
}

class Boom : public Exception {
public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "Boom"; }
};

// Coro<T> and Task<T>: the exception object user code throws reaches the
// awaiter itself, not a copy, through a task and through an inline co_await
// (tasks.await.exception-propagates, for the C++ machinery).
TEST(Task, exception_object_passes_through_co_await_unchanged) {
    EventLoop loop(Clock::virtual_);
    const Boom* thrown = nullptr;
    const Boom* caught_task = nullptr;
    const Boom* caught_inline = nullptr;
    auto fail = [&]() -> Coro<int> {
        co_await sleep(0);
        try {
            throw Boom("bad");
        } catch (const Boom& b) {
            thrown = &b;
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        try {
            co_await create_task(fail());
        } catch (const Boom& b) {
            caught_task = &b;
        }
        try {
            co_await fail();
        } catch (const Boom& b) {
            caught_inline = &b;
            EXPECT_EQ(b.repr(), "Boom('bad')");
        }
    };
    run_until_complete(loop, main());
    ASSERT_NE(caught_task, nullptr);
    ASSERT_NE(caught_inline, nullptr);
    EXPECT_EQ(caught_inline, thrown);  // the last throw is the inline one
}

// Loop internals (sleep.zero.one-iteration, sleep.cancel.removes-timer):
// sleep(0) and sleep(-1) schedule no timer at all, and a cancelled sleep
// takes its timer off the heap; the virtual clock never jumps to it.
TEST(Sleep, zero_and_negative_delays_create_no_timer) {
    EventLoop loop(Clock::virtual_);
    std::vector<std::size_t> timers;
    auto main = [&]() -> Coro<> {
        co_await sleep(0);
        timers.push_back(loop.timer_count());
        co_await sleep(-1);
        timers.push_back(loop.timer_count());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(timers, (std::vector<std::size_t>{0, 0}));
    EXPECT_EQ(loop.time(), 0.0);
}

TEST(Sleep, cancelled_sleep_removes_its_timer) {
    EventLoop loop(Clock::virtual_);
    auto body = []() -> Coro<> { co_await sleep(100); };
    auto t = create_task(loop, body());
    loop.call_soon([&] { t.cancel(); });
    EXPECT_THROW(run_until_complete(loop, t), CancelledError);
    loop.call_soon([] {});
    loop.run_once();  // drops the cancelled timer from the heap head
    EXPECT_EQ(loop.timer_count(), 0u);
    EXPECT_LT(loop.time(), 100.0);
}

// asyncio::run returns main's typed result and cancels the tasks left over.
TEST(Task, run_returns_main_result_and_cancels_leftovers) {
    bool leftover_cancelled = false;
    auto leftover = [&]() -> Coro<> {
        try {
            co_await sleep(100);
        } catch (const CancelledError&) {
            leftover_cancelled = true;
            throw;
        }
    };
    auto main = [&]() -> Coro<int> {
        create_task(leftover());
        co_await sleep(0.001);
        co_return 9;
    };
    EXPECT_EQ(run(main(), Clock::virtual_), 9);
    EXPECT_TRUE(leftover_cancelled);
}

}  // namespace
}  // namespace asyncio
