// shield and as_completed (spec/clauses/shield.toml, as_completed.toml),
// CPython 3.13 profile. Each test mirrors spec/scenarios/{shield,as_completed}/<name>.py.
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

Coro<std::string> job(std::string name, double d) {
    co_await sleep(d);
    co_return name;
}

// shield.cancel.inner-keeps-running, scenario shield.awaiter-cancelled
TEST(Shield, awaiter_cancelled) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto inner_job = [&]() -> Coro<std::string> {
        co_await sleep(1);
        log("inner finished");
        co_return "inner value";
    };
    auto waiter = [&](Task<std::string> t) -> Coro<> {
        try {
            co_await shield(t);
        } catch (const CancelledError& e) {
            log("waiter cancelled " + e.repr() + " " + b(t.done()));
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(inner_job());
        auto w = create_task(waiter(t));
        co_await sleep(0.1);
        w.cancel("stop");
        co_await sleep(0);
        log("after cancel " + b(w.cancelled()) + " " + b(t.cancelled()));
        log("inner " + co_await t);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 waiter cancelled CancelledError('stop') False", "0.1 after cancel True False",
                             "1 inner finished", "1 inner inner value"}));
}

// shield.outer.plain-future, scenario shield.cancel-outer-directly
TEST(Shield, cancel_outer_directly) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto t = create_task(job("done", 0.5));
        auto s = shield(t);
        log("cancel " + b(s.cancel("m")));
        log("outer " + b(s.cancelled()) + " inner " + b(t.cancelled()));
        try {
            co_await s;
        } catch (const CancelledError& e) {
            log("outer raised " + e.repr());
        }
        log("inner " + co_await t);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0 cancel True", "0 outer True inner False", "0 outer raised CancelledError('m')", "0.5 inner done"}));
}

// shield.cancel.race-with-completion, scenario shield.cancel-race
TEST(Shield, cancel_race) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto waiter = [&](Future<std::string> f) -> Coro<> {
        try {
            log("returned " + co_await shield(f));
        } catch (const CancelledError&) {
            log("cancelled");
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto f = create_future<std::string>(loop);
        auto t = create_task(waiter(f));
        co_await sleep(0);
        loop.call_later(0.1, [f, t] {
            f.set_result("value");
            t.cancel();
        });
        try {
            co_await t;
        } catch (const CancelledError&) {
        }
        log("states " + b(t.cancelled()) + " " + f.result());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancelled", "0.1 states True value"}));
}

// shield.args.coroutine-wrapped, scenario shield.coroutine-survives
TEST(Shield, coroutine_survives) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    TaskBase* main_task = nullptr;
    auto work = [&]() -> Coro<> {
        log("work started " + b(current_task() == main_task));
        co_await sleep(1);
        log("work finished");
    };
    auto waiter = [&]() -> Coro<> { co_await shield(work()); };
    auto main = [&]() -> Coro<> {
        main_task = current_task();
        auto w = create_task(waiter());
        co_await sleep(0.1);
        w.cancel();
        try {
            co_await w;
        } catch (const CancelledError&) {
            log("waiter cancelled");
        }
        co_await sleep(2);
        log("main done");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 work started False", "0.1 waiter cancelled", "1 work finished", "2.1 main done"}));
}

// shield.done.returns-same-object, scenario shield.done-shortcut
TEST(Shield, done_shortcut) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto three = []() -> Coro<int> { co_return 3; };
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(loop);
        f.set_result(1);
        log("future " + b(shield(f).base() == f.base()));
        auto t = create_task(three());
        co_await t;
        log("task " + b(shield(t).base() == t.base()));
        auto p = create_future<int>(loop);
        auto s = shield(p);
        log("pending " + b(s.base() == p.base()));
        p.set_result(2);
        log("value " + std::to_string(co_await s));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 future True", "0 task True", "0 pending False", "0 value 2"}));
}

// shield.outer.inner-cancel-cancels-outer, scenario shield.inner-cancelled
TEST(Shield, inner_cancelled) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto t = create_task(job("x", 1));
        auto s = shield(t);
        loop.call_later(0.5, [t] { t.cancel("inner msg"); });
        try {
            co_await s;
        } catch (const CancelledError& e) {
            log("caught " + e.repr());
        }
        log("outer " + b(s.cancelled()) + " main cancelling " + std::to_string(current_task()->cancelling()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.5 caught CancelledError()", "0.5 outer True main cancelling 0"}));
}

// shield.timing.two-iterations, shield.outer.copies-outcome, scenarios
// shield.iterations, shield.outcome-copied
TEST(Shield, iterations_and_outcome) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    Ticker ticker(loop);
    int resumed = -1;
    auto child = [&]() -> Coro<int> {
        co_await sleep(0.1);
        ticker.start();
        co_return 1;
    };
    auto bad = []() -> Coro<std::string> {
        co_await sleep(0.1);
        throw Boom("inner");
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(child());
        EXPECT_EQ(co_await shield(t), 1);
        resumed = ticker.now();
        log("result " + co_await shield(job("fine", 0.1)));
        try {
            co_await shield(bad());
        } catch (const Boom& e) {
            log("raised " + e.repr());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(resumed, 2);
    EXPECT_EQ(log.events, (V{"0.2 result fine", "0.3 raised Boom('inner')"}));
}

// ---- as_completed -------------------------------------------------------------

// as_completed.async.yields-originals (3.13), scenarios
// as_completed.async-for-originals, as_completed.async-for-coroutines
TEST(AsCompleted, async_for_yields_originals) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(job("a", 0.2), "A");
        auto bt = create_task(job("b", 0.1), "B");
        std::vector<Task<std::string>> fs{a, bt};
        auto it = as_completed(std::move(fs));
        while (auto t = co_await it.anext()) {
            log("got " + t->task()->get_name() + " " + b(t->done()) + " " + b(*t == a || *t == bt) + " " + t->result());
        }
        std::vector<Coro<std::string>> cs;
        cs.push_back(job("x", 0.2));
        cs.push_back(job("y", 0.1));
        auto it2 = as_completed(std::move(cs));
        while (auto t = co_await it2.anext()) log("got " + b(t->done()) + " " + t->result());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 got B True True b", "0.2 got A True True a", "0.3 got True y", "0.4 got True x"}));
}

// as_completed.async.timeout-raises, as_completed.inputs.not-cancelled, scenario as_completed.async-for-timeout
TEST(AsCompleted, async_for_timeout) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(job("0.1", 0.1));
        auto bt = create_task(job("2", 2));
        std::vector<Task<std::string>> fs{a, bt};
        try {
            auto it = as_completed(std::move(fs), 1.0);
            while (auto t = co_await it.anext()) log("got " + t->result());
        } catch (const TimeoutError&) {
            log("timeout");
        }
        log("b " + b(bt.cancelled()) + " " + b(bt.done()));
        log("b result " + co_await bt);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 got 0.1", "1 timeout", "1 b False False", "2 b result 2"}));
}

// as_completed.plain.completion-order, as_completed.plain.new-awaitables,
// as_completed.inputs.deduplicated, scenarios as_completed.completion-order, as_completed.duplicates
TEST(AsCompleted, plain_completion_order_dedup) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(job("a", 0.3));
        auto bt = create_task(job("b", 0.1));
        auto c = create_task(job("c", 0.2));
        std::vector<Task<std::string>> fs{a, bt, c, a};
        int n = 0;
        for (Coro<std::string> f : as_completed(std::move(fs))) {
            log("next " + co_await std::move(f));
            ++n;
        }
        log("count " + std::to_string(n));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 next b", "0.2 next c", "0.3 next a", "0.3 count 3"}));
}

// as_completed.inputs.wrapping-time (3.13: at the call), scenario as_completed.coroutine-inputs
TEST(AsCompleted, coroutine_inputs_wrapped_at_call) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto started = [&](std::string name, double d) -> Coro<std::string> {
        log("start " + name);
        co_await sleep(d);
        co_return name;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Coro<std::string>> cs;
        cs.push_back(started("x", 0.2));
        auto it = as_completed(std::move(cs));
        log("created");
        co_await sleep(0.05);
        log("iterating");
        for (Coro<std::string> f : it) log("next " + co_await std::move(f));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 created", "0 start x", "0.05 iterating", "0.2 next x"}));
}

// as_completed.plain.exception-raised, as_completed.timeout.remaining-raise,
// scenarios as_completed.exception, as_completed.timeout
TEST(AsCompleted, exception_and_timeout) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto bad = []() -> Coro<std::string> {
        co_await sleep(0.1);
        throw Boom("x");
    };
    auto main = [&]() -> Coro<> {
        std::vector<Task<std::string>> fs{create_task(job("ok", 0.2)), create_task(bad())};
        for (Coro<std::string> f : as_completed(std::move(fs))) {
            try {
                log("next " + co_await std::move(f));
            } catch (const Boom& e) {
                log("raised " + e.repr());
            }
        }
        auto a = create_task(job("a", 0.1));
        auto bt = create_task(job("b", 2));
        auto c = create_task(job("c", 3));
        std::vector<Task<std::string>> fs2{a, bt, c};
        for (Coro<std::string> f : as_completed(std::move(fs2), 1.0)) {
            try {
                log("next " + co_await std::move(f));
            } catch (const TimeoutError&) {
                log("timeout");
            }
        }
        log("inputs " + b(bt.cancelled()) + " " + b(c.cancelled()) + " " + b(bt.done()));
        log("b " + co_await bt);
        c.cancel();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 raised Boom('x')", "0.2 next ok", "0.3 next a", "1.2 timeout", "1.2 timeout",
                             "1.2 inputs False False False", "2.2 b b"}));
}

// as_completed.timing.two-iterations, scenario as_completed.iterations
TEST(AsCompleted, two_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int resumed = -1;
    auto child = [&]() -> Coro<int> {
        co_await sleep(0.1);
        ticker.start();
        co_return 1;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Task<int>> fs{create_task(child())};
        for (Coro<int> f : as_completed(std::move(fs))) {
            EXPECT_EQ(co_await std::move(f), 1);
            resumed = ticker.now();
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(resumed, 2);
}

}  // namespace
}  // namespace asyncio
