// Eager tasks (spec/clauses/eager.toml), CPython 3.13 profile. Each test
// mirrors spec/scenarios/eager/<name>.py and its 3.13 trace.
#include <gtest/gtest.h>

#include "combinators_support.hpp"

namespace asyncio {
namespace {

using testing::b;
using testing::Boom;
using testing::repr;
using testing::Ticker;
using testing::TimedLog;
using V = std::vector<std::string>;

// eager.start.synchronous-first-step, scenario eager.sync-first-step
TEST(Eager, sync_first_step) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&]() -> Coro<> {
        log("child first step");
        co_await sleep(0);
        log("child second step");
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        log("before create");
        auto t = create_task(child());
        log("after create " + b(t.done()));
        co_await t;
        log("awaited");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0 before create", "0 child first step", "0 after create False", "0 child second step", "0 awaited"}));
}

// eager.start.returns-done, eager.start.await-done-no-suspend, scenario eager.returns-done
TEST(Eager, returns_done_and_not_registered) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int awaited = -1;
    bool registered = true;
    auto child = []() -> Coro<int> { co_return 42; };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        ticker.start();
        auto t = create_task(child());
        EXPECT_TRUE(t.done());
        EXPECT_EQ(t.result(), 42);
        registered = false;
        for (auto& x : all_tasks())
            if (x.get() == t.base()) registered = true;
        EXPECT_EQ(co_await t, 42);
        awaited = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_FALSE(registered);
    EXPECT_EQ(awaited, 0);
}

// eager.start.current-task (swap, not enter), scenario eager.current-task
TEST(Eager, current_task_swapped) {
    EventLoop loop(Clock::virtual_);
    TaskBase* inside = nullptr;
    TaskBase* later = nullptr;
    TaskBase* back = nullptr;
    auto child = [&]() -> Coro<> {
        inside = current_task();
        co_await sleep(0);
        later = current_task();
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto t = create_task(child());
        EXPECT_EQ(inside, t.base());
        back = current_task();
        co_await t;
    };
    auto m = create_task(loop, main());
    run_until_complete(loop, m);
    EXPECT_EQ(back, m.base());
    EXPECT_EQ(later, inside);
}

// eager.start.exception-stored, scenario eager.exception-in-step
TEST(Eager, exception_stored) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&]() -> Coro<> {
        log("child runs");
        if (true) throw Boom("eager");
        co_return;
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto t = create_task(child());
        log("create_task returned " + b(t.done()) + " " + repr(t.exception()));
        try {
            co_await t;
        } catch (const Boom& e) {
            log("await raised " + e.repr());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0 child runs", "0 create_task returned True Boom('eager')", "0 await raised Boom('eager')"}));
}

// eager.start.exception-stored does not cover KeyboardInterrupt: it escapes create_task.
TEST(Eager, keyboard_interrupt_escapes) {
    EventLoop loop(Clock::virtual_);
    std::string seen;
    auto child = []() -> Coro<> {
        if (true) throw KeyboardInterrupt();
        co_return;
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        try {
            create_task(child());
        } catch (const KeyboardInterrupt& e) {
            seen = e.repr();
        }
        co_return;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(seen, "KeyboardInterrupt()");
}

// eager.order.versus-lazy, scenario eager.ordering-vs-lazy
TEST(Eager, ordering_vs_lazy) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&](std::string name) -> Coro<> {
        log("start " + name);
        co_await sleep(0);
        log("end " + name);
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto a = create_task(job("A"));
        log("after create A");
        loop.set_task_factory(nullptr);
        auto bt = create_task(job("B"));
        log("after create B");
        co_await a;
        co_await bt;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 start A", "0 after create A", "0 after create B", "0 end A", "0 start B", "0 end B"}));
}

// eager.callbacks.scheduled, scenario eager.done-callback-call-soon
TEST(Eager, done_callback_call_soon) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = []() -> Coro<std::string> { co_return "r"; };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto t = create_task(child());
        t.add_done_callback([&](Task<std::string> d) { log("callback " + d.result()); });
        log("after add_done_callback");
        co_await sleep(0);
        log("after one iteration");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 after add_done_callback", "0 callback r", "0 after one iteration"}));
}

// eager.names.during-step (3.13.0 names an unnamed factory task "None"),
// eager.factory.create-eager-task-factory, scenarios eager.names, eager.custom-factory
TEST(Eager, names_and_custom_factory) {
    EventLoop loop(Clock::virtual_);
    V names;
    auto child = [&]() -> Coro<> {
        names.push_back(current_task()->get_name());
        co_await sleep(0);
        names.push_back(current_task()->get_name());
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(create_eager_task_factory());
        auto t = create_task(child(), "given");
        names.push_back("returned " + t.get_name());
        co_await t;
        auto u = create_task(child());
        co_await u;
        // Task(coro, eager_start=True, name=...): the name during the step.
        loop.set_task_factory(nullptr);
        auto v = create_eager_task(child(), "ctor");
        co_await v;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(names, (V{"Task-2", "returned given", "given", "Task-3", "None", "ctor", "ctor"}));
}

// eager.start.synchronous-first-step (a suspended eager task is cancellable),
// scenario eager.cancel-after-eager-step
TEST(Eager, cancel_after_eager_step) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&]() -> Coro<> {
        try {
            log("eager step");
            co_await sleep(5);
        } catch (const CancelledError& e) {
            log("cancelled " + e.repr());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto t = create_task(child());
        log("cancel " + b(t.cancel("stop")));
        try {
            co_await t;
        } catch (const CancelledError&) {
            log("task cancelled " + b(t.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0 eager step", "0 cancel True", "0 cancelled CancelledError('stop')", "0 task cancelled True"}));
}

// eager.start.returns-done with gather (done at once), scenario eager.gather-eager-children
TEST(Eager, gather_eager_children) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&](int n) -> Coro<int> {
        log("child " + std::to_string(n));
        co_return n;
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        auto g = gather(child(1), child(2));
        log("gather returned " + b(g.done()));
        auto [x, y] = co_await g;
        log("results " + std::to_string(x) + std::to_string(y));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 child 1", "0 child 2", "0 gather returned True", "0 results 12"}));
}

// eager.taskgroup.immediate-failure (3.13: the pending cancel is cleared),
// scenarios eager.taskgroup-eager-child-fails, eager.taskgroup-eager-child-fails-no-await
TEST(Eager, taskgroup_eager_child_fails) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto bad = []() -> Coro<> {
        if (true) throw Boom("eager");
        co_return;
    };
    auto cancelling = [] { return std::to_string(current_task()->cancelling()); };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(bad());
                log("body after create_task " + cancelling());
                co_await sleep(1);
                log("body not cancelled");
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr() + " " + cancelling());
        } catch (const CancelledError& e) {
            log("cancelled escaped " + e.repr());
        }
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(bad());
                log("no await " + cancelling());
                co_return;
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + cancelling());
        }
        try {
            co_await sleep(0.1);
            log("next await completed");
        } catch (const CancelledError& e) {
            log("next await cancelled " + e.repr());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 body after create_task 1",
                             "0 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom('eager')]) 0",
                             "0 no await 1", "0 group 0", "0.1 next await completed"}));
}

}  // namespace
}  // namespace asyncio
