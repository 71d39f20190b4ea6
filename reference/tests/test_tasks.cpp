// Task clauses (spec/clauses/tasks.toml).
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::raised;
using testing::Ticker;
using testing::Trace;

// tasks.create.first-step-scheduled: create_task schedules the first step with call_soon: the body
// starts in the next iteration, FIFO with other handles.
TEST(Task, TASK_1_first_step_is_call_soon) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto child = [&](std::string name) -> Coro<> {
        trace.log(name + " started");
        co_return;
    };
    auto main = [&]() -> Coro<> {
        loop.call_soon([&] { trace.log("soon before"); });
        auto t = create_task(child("child"));
        loop.call_soon([&] { trace.log("soon after"); });
        trace.log("main continues");
        co_await t;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events,
              (std::vector<std::string>{"main continues", "soon before", "child started", "soon after"}));
}

// tasks.name.default-numbering, tasks.name.explicit-consumes-number (3.13):
// default names Task-N from a counter consumed only when no name is given;
// set_name/get_name (tasks.name.set-name).
TEST(Task, TASK_2_names) {
    EventLoop loop(Clock::virtual_);
    std::vector<std::string> names;
    auto noop = []() -> Coro<> { co_return; };
    auto main = [&]() -> Coro<> {
        auto a = create_task(noop());
        auto b = create_task(noop(), "explicit");
        auto c = create_task(noop());
        c.set_name("123");
        auto d = create_task(noop());
        names = {a.get_name(), b.get_name(), c.get_name(), d.get_name()};
        co_await d;
    };
    run_until_complete(loop, create_task(loop, main(), "main"));
    EXPECT_EQ(names, (std::vector<std::string>{"Task-1", "explicit", "123", "Task-3"}));
}

// tasks.current-task.running, tasks.all-tasks.not-done: current_task is the
// task inside its step, none outside; all_tasks lists the loop's not-done tasks.
TEST(Task, TASK_3_current_task_and_all_tasks) {
    EventLoop loop(Clock::virtual_);
    EXPECT_THROW(current_task(), RuntimeError);
    TaskBase* in_callback = reinterpret_cast<TaskBase*>(1);
    TaskBase* in_child = nullptr;
    size_t live = 0;
    auto child = [&]() -> Coro<> {
        in_child = current_task();
        co_await sleep(1);
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(child());
        loop.call_soon([&] { in_callback = current_task(); });
        co_await sleep(0);
        live = all_tasks().size();
        EXPECT_EQ(in_child, t.base());
        co_await t;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(in_callback, nullptr);
    EXPECT_EQ(live, 2u);
    EXPECT_TRUE(all_tasks(loop).empty());
}

// tasks.await.resumes-next-iteration, tasks.done-callbacks.order: an awaiter
// resumes exactly one iteration after the child's last step; done callbacks
// registered before the await run first.
TEST(Task, TASK_5_awaiter_resumes_one_iteration_after_child) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Trace trace;
    auto child = [&]() -> Coro<int> {
        co_await sleep(0);
        trace.log("child returns @" + std::to_string(ticker.now()));
        co_return 7;
    };
    auto main = [&]() -> Coro<> {
        ticker.start();
        auto t = create_task(child());
        t.add_done_callback([&](Task<int>) { trace.log("callback @" + std::to_string(ticker.now())); });
        int v = co_await t;
        trace.log("awaiter got " + std::to_string(v) + " @" + std::to_string(ticker.now()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events,
              (std::vector<std::string>{"child returns @2", "callback @3", "awaiter got 7 @3"}));
}

class Boom : public Exception {
public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "Boom"; }
};

// tasks.await.exception-propagates: an exception of user code propagates through co_await unchanged
// (the same object), through tasks and inline coroutines alike.
TEST(Task, TASK_4_exceptions_propagate_unchanged) {
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

// tasks.exception.stored-unawaited: a task's failure is stored; exception() returns it.
TEST(Task, TASK_4_failed_task_stores_its_exception) {
    EventLoop loop(Clock::virtual_);
    auto fail = []() -> Coro<int> {
        throw Boom("x");
        co_return 0;
    };
    auto t = create_task(loop, fail());
    loop.call_soon([&] { loop.stop(); });
    loop.run_forever();
    ASSERT_TRUE(t.done());
    EXPECT_EQ(exception_repr(t.exception()), "Boom('x')");
    EXPECT_EQ(raised([&] { t.result(); }), "Boom('x')");
}

// tasks.await-self.runtime-error: a task awaiting itself gets RuntimeError at its next step.
TEST(Task, TASK_4_awaiting_itself_raises) {
    EventLoop loop(Clock::virtual_);
    std::string outcome;
    Task<> self;
    auto body = [&]() -> Coro<> {
        try {
            co_await self;
        } catch (const RuntimeError& e) {
            outcome = e.type_name();
        }
    };
    self = create_task(loop, body());
    run_until_complete(loop, self);
    EXPECT_EQ(outcome, "RuntimeError");
}

// tasks.set-result.raises: Task.set_result / set_exception raise RuntimeError.
TEST(Task, TASK_6_set_result_raises) {
    EventLoop loop(Clock::virtual_);
    auto noop = []() -> Coro<> { co_return; };
    auto t = create_task(loop, noop());
    EXPECT_THROW(t.set_result(), RuntimeError);
    EXPECT_THROW(t.set_exception(make_exception(ValueError("x"))), RuntimeError);
    run_until_complete(loop, t);
}

// An inline `co_await coro()` runs in the caller's task: no extra iteration.
TEST(Task, inline_await_runs_in_the_same_task_without_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    TaskBase* inner_task = nullptr;
    int at = -1;
    auto inner = [&]() -> Coro<int> {
        inner_task = current_task();
        co_return 5;
    };
    auto main = [&]() -> Coro<int> {
        ticker.start();
        int v = co_await inner();
        at = ticker.now();
        co_return v;
    };
    auto t = create_task(loop, main());
    EXPECT_EQ(run_until_complete(loop, t), 5);
    EXPECT_EQ(inner_task, t.base());
    EXPECT_EQ(at, 0);
}

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
