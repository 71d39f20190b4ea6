// gather (spec/clauses/gather.toml), CPython 3.13 profile. Each test mirrors
// the scenario spec/scenarios/gather/<name>.py and its recorded 3.13 trace.
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

Coro<std::string> named_child(std::string name, double delay, TimedLog& log) {
    co_await sleep(delay);
    log("finished " + name);
    co_return name;
}

// gather.results.argument-order, gather.args.tasks-created-in-order
// scenario gather.results-argument-order
TEST(Gather, results_argument_order) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto [a, bb, c] =
            co_await gather(named_child("a", 0.3, log), named_child("b", 0.2, log), named_child("c", 0.1, log));
        log("results " + a + bb + c);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 finished c", "0.2 finished b", "0.3 finished a", "0.3 results abc"}));
}

// gather.args.tasks-created-in-order: consecutive default names, first steps in order.
TEST(Gather, coroutines_wrapped_in_order) {
    EventLoop loop(Clock::virtual_);
    V seen;
    auto child = [&](int i) -> Coro<int> {
        seen.push_back(current_task()->get_name() + ":" + std::to_string(i));
        co_return i;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Coro<int>> cs;
        for (int i = 0; i < 3; ++i) cs.push_back(child(i));
        auto r = co_await gather(std::move(cs));
        EXPECT_EQ(r, (std::vector<int>{0, 1, 2}));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(seen, (V{"Task-2:0", "Task-3:1", "Task-4:2"}));
}

// gather.args.dedup-same-object, scenario gather.same-object-twice
TEST(Gather, same_object_twice) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&]() -> Coro<int> {
        log("child runs");
        co_await sleep(0.1);
        co_return 7;
    };
    auto other = []() -> Coro<int> { co_return 8; };
    auto main = [&]() -> Coro<> {
        auto t = create_task(child());
        auto [x, y, z] = co_await gather(t, other(), t);
        log("results " + std::to_string(x) + std::to_string(y) + std::to_string(z));
        // The vector form dedups too.
        std::vector<Task<int>> twice{t, t};
        auto v = co_await gather(std::move(twice));
        EXPECT_EQ(v, (std::vector<int>{7, 7}));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 child runs", "0.1 results 787"}));
}

// gather.error.first-exception-propagates, gather.error.siblings-keep-running
// scenario gather.first-exception
TEST(Gather, first_exception) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto fails = []() -> Coro<std::string> {
        co_await sleep(0.1);
        throw Boom("first");
    };
    auto slow = [&]() -> Coro<std::string> {
        co_await sleep(0.5);
        log("sibling finished");
        co_return "slow";
    };
    auto main = [&]() -> Coro<> {
        auto s = create_task(slow());
        auto g = gather(fails(), s);
        try {
            co_await g;
        } catch (const Boom& e) {
            log("caught " + e.repr());
        }
        log("outer " + b(g.done()) + " " + b(g.cancelled()) + " " + b(s.done()));
        co_await s;
        log("sibling result " + s.result());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 caught Boom('first')", "0.1 outer True False False", "0.5 sibling finished",
                             "0.5 sibling result slow"}));
}

// gather.error.child-cancel-is-exception, scenario gather.child-cancelled
TEST(Gather, child_cancelled_is_exception) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = []() -> Coro<> { co_await sleep(1); };
    auto other = [&]() -> Coro<> {
        co_await sleep(2);
        log("other finished");
    };
    auto main = [&]() -> Coro<> {
        auto a = create_task(child());
        auto bt = create_task(other());
        auto g = gather(a, bt);
        co_await sleep(0.1);
        a.cancel("stop a");
        try {
            co_await g;
        } catch (const CancelledError& e) {
            log("caught " + e.repr());
        }
        log("outer " + b(g.done()) + " " + b(g.cancelled()) + " " + b(bt.done()));
        log("main cancelling " + std::to_string(current_task()->cancelling()));
        co_await bt;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 caught CancelledError('stop a')", "0.1 outer True False False",
                             "0.1 main cancelling 0", "2 other finished"}));
}

// gather.return-exceptions.in-results, gather.return-exceptions.cancel-message-lost
// scenario gather.return-exceptions
TEST(Gather, return_exceptions) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto ok = []() -> Coro<int> {
        co_await sleep(0.1);
        co_return 1;
    };
    auto bad = []() -> Coro<int> {
        co_await sleep(0.2);
        throw Boom("b");
    };
    auto sleeper = []() -> Coro<int> {
        co_await sleep(5);
        co_return 0;
    };
    auto main = [&]() -> Coro<> {
        auto c = create_task(sleeper());
        auto g = gather(return_exceptions, ok(), bad(), c);
        co_await sleep(0.3);
        c.cancel("bye");
        auto [r1, r2, r3] = co_await g;
        log("results " + std::to_string(r1.value()) + " " + repr(r2.exception()) + " " + repr(r3.exception()));
        log("outer " + b(g.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.3 results 1 Boom('b') CancelledError('')", "0.3 outer False"}));
}

// A plain future keeps its cancel message (gather.return-exceptions.cancel-message-lost).
TEST(Gather, future_cancelled_message_kept) {
    EventLoop loop(Clock::virtual_);
    std::string seen;
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(get_running_loop());
        auto g = gather(return_exceptions, std::vector<Future<int>>{f});
        f.cancel("msg");
        auto r = co_await g;
        seen = repr(r[0].exception());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(seen, "CancelledError('msg')");
}

Coro<> cancellable_child(std::string name, double delay, TimedLog& log) {
    try {
        co_await sleep(delay);
    } catch (const CancelledError& e) {
        log("child cancelled " + name + " " + e.repr());
        throw;
    }
}

// gather.cancel.broadcast-in-order, gather.cancel.raises-even-with-return-exceptions
// scenario gather.outer-cancel-broadcast
TEST(Gather, outer_cancel_broadcast_in_order) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto g = gather(return_exceptions, cancellable_child("a", 3, log), cancellable_child("b", 1, log),
                        cancellable_child("c", 2, log));
        co_await sleep(0.1);
        log("cancel " + b(g.cancel("stop")));
        log("outer right after " + b(g.done()) + " " + b(g.cancelled()));
        try {
            co_await g;
        } catch (const CancelledError& e) {
            log("awaiter caught " + e.repr());
        }
        log("outer " + b(g.done()) + " " + b(g.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0.1 cancel True", "0.1 outer right after False False", "0.1 child cancelled a CancelledError('stop')",
                 "0.1 child cancelled b CancelledError('stop')", "0.1 child cancelled c CancelledError('stop')",
                 "0.1 awaiter caught CancelledError('stop')", "0.1 outer True False"}));
}

// gather.cancel.raises-even-if-children-swallow, scenario gather.outer-cancel-children-swallow
TEST(Gather, outer_cancel_children_swallow) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto child = [&](std::string name) -> Coro<std::string> {
        try {
            co_await sleep(1);
        } catch (const CancelledError&) {
            log("swallowed " + name);
        }
        co_return name;
    };
    auto main = [&]() -> Coro<> {
        auto g = gather(child("a"), child("b"));
        co_await sleep(0.1);
        log("cancel " + b(g.cancel("m")));
        try {
            co_await g;
            log("results");
        } catch (const CancelledError& e) {
            log("caught " + e.repr());
        }
        log("outer " + b(g.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancel True", "0.1 swallowed a", "0.1 swallowed b", "0.1 caught CancelledError()",
                             "0.1 outer False"}));
}

// gather.cancel.awaiter-cancel-propagates, scenario gather.cancel-awaiting-task
TEST(Gather, cancel_awaiting_task) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto waiter = [&]() -> Coro<> { co_await gather(cancellable_child("a", 1, log), cancellable_child("b", 2, log)); };
    auto main = [&]() -> Coro<> {
        auto w = create_task(waiter());
        co_await sleep(0.1);
        w.cancel("bye");
        try {
            co_await w;
        } catch (const CancelledError& e) {
            log("waiter " + e.repr() + " " + b(w.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 child cancelled a CancelledError('bye')",
                             "0.1 child cancelled b CancelledError('bye')", "0.1 waiter CancelledError('bye') True"}));
}

// gather.cancel.no-child-cancelled-returns-false, scenario gather.cancel-race-completion
TEST(Gather, cancel_race_completion) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(get_running_loop());
        auto g = gather(f);
        co_await sleep(0);
        f.set_result(5);
        log("cancel " + b(g.cancel("late")));
        log("outer " + b(g.done()));
        auto [r] = co_await g;
        log("results " + std::to_string(r) + " " + b(g.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 cancel False", "0 outer False", "0 results 5 False"}));
}

// gather.cancel.done-returns-false, gather.error.siblings-keep-running, scenario gather.cancel-after-done
TEST(Gather, cancel_after_done) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto fails = []() -> Coro<std::string> {
        if (true) throw Boom();
        co_return "";
    };
    auto slow = []() -> Coro<std::string> {
        co_await sleep(1);
        co_return "slow done";
    };
    auto main = [&]() -> Coro<> {
        auto s = create_task(slow());
        auto g = gather(fails(), s);
        try {
            co_await g;
        } catch (const Boom& e) {
            log("caught " + e.repr());
        }
        log("cancel " + b(g.cancel()));
        std::string r = co_await s;
        log("sibling " + r + " " + b(s.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 caught Boom()", "0 cancel False", "1 sibling slow done False"}));
}

// gather.cancel.broadcast-in-order: children cancelled before their first
// step never run (scenario gather.cancel-before-children-start).
TEST(Gather, cancel_before_children_start) {
    EventLoop loop(Clock::virtual_);
    bool ran = false;
    std::string caught;
    auto child = [&]() -> Coro<> {
        ran = true;
        co_return;
    };
    auto main = [&]() -> Coro<> {
        auto g = gather(child(), child());
        EXPECT_TRUE(g.cancel());
        try {
            co_await g;
        } catch (const CancelledError& e) {
            caught = e.repr();
        }
    };
    run_until_complete(loop, main());
    EXPECT_FALSE(ran);
    EXPECT_EQ(caught, "CancelledError()");
}

// gather.empty.done-empty-list
TEST(Gather, empty) {
    EventLoop loop(Clock::virtual_);
    auto main = [&]() -> Coro<> {
        auto g = gather();
        EXPECT_TRUE(g.done());
        co_await g;
        auto v = gather(std::vector<Task<int>>{});
        EXPECT_TRUE(v.done());
        EXPECT_TRUE((co_await v).empty());
    };
    run_until_complete(loop, main());
}

// gather.timing.two-iterations, scenario gather.iterations
TEST(Gather, awaiter_resumes_two_iterations_after_last_child_step) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int child_tick = -1, resumed = -1;
    auto child = [&]() -> Coro<int> {
        child_tick = ticker.now();
        ticker.start();
        co_return 1;
    };
    auto main = [&]() -> Coro<> {
        auto g = gather(child());
        auto [r] = co_await g;
        EXPECT_EQ(r, 1);
        resumed = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(child_tick, 0);
    EXPECT_EQ(resumed, 2);
}

// gather.timing.done-inputs (3.12+): all inputs done -> done at once, 0 iterations.
TEST(Gather, done_inputs_complete_at_once) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int resumed = -1;
    bool done_at_once = false;
    auto main = [&]() -> Coro<> {
        auto f1 = create_future<std::string>(get_running_loop());
        auto f2 = create_future<std::string>(get_running_loop());
        f1.set_result("a");
        f2.set_result("b");
        ticker.start();
        auto g = gather(f1, f2);
        done_at_once = g.done();
        auto [x, y] = co_await g;
        EXPECT_EQ(x + y, "ab");
        resumed = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_TRUE(done_at_once);
    EXPECT_EQ(resumed, 0);
}

// Void children give std::monostate.
TEST(Gather, void_children) {
    EventLoop loop(Clock::virtual_);
    int n = 0;
    auto child = [&]() -> Coro<> {
        ++n;
        co_return;
    };
    auto main = [&]() -> Coro<> {
        auto r = co_await gather(child(), child());
        static_assert(std::is_same_v<decltype(r), std::tuple<std::monostate, std::monostate>>);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace asyncio
