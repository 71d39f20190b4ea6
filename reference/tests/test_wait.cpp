// wait and wait_for (spec/clauses/wait.toml, wait_for.toml), CPython 3.13
// profile. Each test mirrors spec/scenarios/{wait,wait_for}/<name>.py.
#include <gtest/gtest.h>

#include <algorithm>

#include "combinators_support.hpp"

namespace asyncio {
namespace {

using testing::b;
using testing::Boom;
using testing::repr;
using testing::Ticker;
using testing::TimedLog;
using V = std::vector<std::string>;

template <class X>
bool in(const std::vector<X>& v, const X& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}
std::string cancelling() { return std::to_string(current_task()->cancelling()); }

Coro<double> ok(double d) {
    co_await sleep(d);
    co_return d;
}
Coro<double> bad(double d) {
    co_await sleep(d);
    throw Boom();
}

// wait.return-when.all-completed, wait.result.done-pending-sets, scenario wait.all-completed
TEST(Wait, all_completed) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(ok(0.3));
        auto bt = create_task(bad(0.2));
        auto c = create_task(ok(0.1));
        std::vector<Task<double>> fs{a, bt, c};
        auto [done, pending] = co_await wait(std::move(fs));
        log("sizes " + std::to_string(done.size()) + " " + std::to_string(pending.size()));
        log("members " + b(in(done, a)) + " " + b(in(done, bt)) + " " + b(in(done, c)));
        log("b exception " + repr(bt.exception()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.3 sizes 3 0", "0.3 members True True True", "0.3 b exception Boom()"}));
}

// wait.timing.always-suspends, wait.timing.two-iterations, scenarios wait.already-done, wait.iterations
TEST(Wait, always_suspends_two_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop), ticker2(loop);
    int resumed = -1, resumed_task = -1;
    auto child = [&]() -> Coro<> {
        co_await sleep(0.1);
        ticker2.start();
    };
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(loop);
        f.set_result(1);
        ticker.start();
        std::vector<Future<int>> fs{f};
        auto r = co_await wait(std::move(fs));
        resumed = ticker.now();
        EXPECT_EQ(r.done.size(), 1u);
        auto t = create_task(child());
        std::vector<Task<>> ts{t};
        co_await wait(std::move(ts));
        resumed_task = ticker2.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(resumed, 2);
    EXPECT_EQ(resumed_task, 2);
}

// wait.args.rejects-bad-input (coroutines are a compile-time error), scenario wait.argument-errors
TEST(Wait, argument_errors) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(loop);
        f.set_result(1);
        try {
            co_await wait(std::vector<Future<int>>());
        } catch (const ValueError&) {
            log("empty ValueError");
        }
        try {
            std::vector<Future<int>> fs{f};
            co_await wait(std::move(fs), std::nullopt, static_cast<ReturnWhen>(7));
        } catch (const ValueError&) {
            log("return_when ValueError");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 empty ValueError", "0 return_when ValueError"}));
}

// wait.never-cancels, scenario wait.cancel-awaiter
TEST(Wait, cancel_awaiter_leaves_inputs) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&]() -> Coro<std::string> {
        co_await sleep(1);
        log("job finished");
        co_return "job";
    };
    auto waiter = [&](Task<std::string> t) -> Coro<> {
        try {
            std::vector<Task<std::string>> fs{t};
            co_await wait(std::move(fs));
        } catch (const CancelledError& e) {
            log("waiter cancelled " + e.repr());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto j = create_task(job());
        auto w = create_task(waiter(j));
        co_await sleep(0.1);
        w.cancel("stop");
        co_await sleep(0);
        log("state " + b(w.cancelled()) + " " + b(j.done()));
        log("job " + co_await j);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 waiter cancelled CancelledError('stop')", "0.1 state True False", "1 job finished",
                             "1 job job"}));
}

// wait.return-when.first-completed (a cancellation counts), scenarios
// wait.first-completed, wait.first-completed-cancellation
TEST(Wait, first_completed) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(ok(5));
        auto bt = create_task(ok(6));
        loop.call_later(0.1, [a] { a.cancel(); });
        std::vector<Task<double>> fs{a, bt};
        auto [done, pending] = co_await wait(std::move(fs), std::nullopt, FIRST_COMPLETED);
        log("returned " + std::to_string(done.size()) + " " + b(in(done, a)) + " " + b(a.cancelled()) + " " +
            b(in(pending, bt)));
        bt.cancel();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 returned 1 True True True"}));
}

// wait.return-when.first-exception (cancellation does not count),
// wait.result.split-after-wake, scenarios wait.first-exception, wait.first-exception-none
TEST(Wait, first_exception) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(ok(0.1));
        auto bt = create_task(bad(0.3));
        auto c = create_task(ok(5));
        auto d = create_task(ok(5));
        loop.call_later(0.2, [d] { d.cancel(); });
        std::vector<Task<double>> fs{a, bt, c, d};
        auto [done, pending] = co_await wait(std::move(fs), std::nullopt, FIRST_EXCEPTION);
        log("returned " + std::to_string(done.size()) + " " + b(in(done, a)) + " " + b(in(done, bt)) + " " +
            b(in(done, d)) + " " + b(in(pending, c)));
        c.cancel();
        auto e = create_task(ok(0.1));
        auto f = create_task(ok(0.2));
        std::vector<Task<double>> fs2{e, f};
        auto r = co_await wait(std::move(fs2), std::nullopt, FIRST_EXCEPTION);
        log("none " + std::to_string(r.done.size()) + " " + std::to_string(r.pending.size()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.3 returned 3 True True True True", "0.5 none 2 0"}));
}

// wait.timeout.returns-pending, wait.never-cancels
TEST(Wait, timeout_returns_pending) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto a = create_task(ok(0.1));
        auto bt = create_task(ok(2));
        std::vector<Task<double>> fs{a, bt, a};
        auto [done, pending] = co_await wait(std::move(fs), 1.0);
        log("split " + std::to_string(done.size()) + " " + std::to_string(pending.size()) + " " + b(bt.cancelled()));
        log("b " + std::to_string(co_await bt));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 split 1 1 False", "2 b 2.000000"}));
}

// ---- wait_for -------------------------------------------------------------

// wait_for.cancel.race-with-completion (3.12+: CancelledError), scenario wait_for.caller-cancel-race
TEST(WaitFor, caller_cancel_race) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto caller = [&](Future<std::string> f) -> Coro<> {
        try {
            std::string r = co_await wait_for(f, 10);
            log("returned " + r);
        } catch (const CancelledError&) {
            log("cancelled");
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto f = create_future<std::string>(loop);
        auto t = create_task(caller(f));
        co_await sleep(0);
        loop.call_later(0.1, [f, t] {
            f.set_result("value");
            t.cancel();
        });
        try {
            co_await t;
        } catch (const CancelledError&) {
        }
        log("caller task " + b(t.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancelled", "0.1 caller task True"}));
}

// wait_for.cancel.caller-cancel-cancels-inner, scenario wait_for.caller-cancelled
TEST(WaitFor, caller_cancelled) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&]() -> Coro<> {
        try {
            co_await sleep(10);
        } catch (const CancelledError& e) {
            log("inner cancelled " + e.repr());
            throw;
        }
    };
    auto caller = [&](Task<> t) -> Coro<> {
        try {
            co_await wait_for(t, 5);
        } catch (const CancelledError& e) {
            log("caller cancelled " + e.repr());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto inner = create_task(job());
        auto c = create_task(caller(inner));
        co_await sleep(1);
        c.cancel("stop");
        try {
            co_await c;
        } catch (const CancelledError&) {
            log("main saw cancel");
        }
        log("states " + b(c.cancelled()) + " " + b(inner.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 inner cancelled CancelledError('stop')", "1 caller cancelled CancelledError('stop')",
                             "1 main saw cancel", "1 states True True"}));
}

// wait_for.timeout.cancel-suppressed-returns, scenario wait_for.cancel-suppressed
TEST(WaitFor, cancel_suppressed) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&]() -> Coro<std::string> {
        bool swallowed = false;
        try {
            co_await sleep(10);
        } catch (const CancelledError&) {
            log("swallowed");
            swallowed = true;
        }
        if (swallowed) co_await sleep(0.5);
        co_return "value";
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(job());
        log("result " + co_await wait_for(t, 1));
        log("cancelling " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 swallowed", "1.5 result value", "1.5 cancelling 0"}));
}

// wait_for.coroutine.task-identity, wait_for.timing.iterations (coroutine: 0),
// scenarios wait_for.coroutine-runs-in, wait_for.iterations-coro
TEST(WaitFor, coroutine_runs_in_caller) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    TaskBase* inside = nullptr;
    int resumed = -1;
    auto job = [&]() -> Coro<int> {
        inside = current_task();
        co_await sleep(0.1);
        ticker.start();
        co_return 1;
    };
    TaskBase* caller = nullptr;
    auto main = [&]() -> Coro<> {
        caller = current_task();
        EXPECT_EQ(co_await wait_for(job(), 5), 1);
        resumed = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(inside, caller);
    EXPECT_EQ(resumed, 0);
}

// wait_for.timing.iterations (task: 1), scenario wait_for.iterations-task
TEST(WaitFor, task_one_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int resumed = -1;
    auto child = [&]() -> Coro<int> {
        co_await sleep(0.1);
        ticker.start();
        co_return 1;
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(child());
        EXPECT_EQ(co_await wait_for(t, 10), 1);
        resumed = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(resumed, 1);
}

// wait_for.timeout.inner-raises-propagates (3.13: a TimeoutError in the
// context chain), scenarios wait_for.inner-coro-raises-on-cancel, wait_for.inner-raises-on-cancel
TEST(WaitFor, inner_raises_on_cancel) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = []() -> Coro<> {
        std::exception_ptr cancelled;
        try {
            co_await sleep(10);
        } catch (const CancelledError&) {
            cancelled = std::current_exception();
        }
        Boom boom("cleanup failed");
        boom.context = cancelled;
        throw boom;
    };
    auto main = [&]() -> Coro<> {
        try {
            co_await wait_for(job(), 1);
        } catch (const Boom& e) {
            log("caught " + e.repr() + " " + repr(e.context) + " " + repr(exception_object(e.context)->context));
        }
        log("cancelling " + cancelling());
        auto t = create_task(job());
        try {
            co_await wait_for(t, 1);
        } catch (const Boom& e) {
            log("caught " + e.repr() + " " + repr(e.context));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 caught Boom('cleanup failed') TimeoutError() CancelledError()", "1 cancelling 0",
                             "2 caught Boom('cleanup failed') TimeoutError()"}));
}

// wait_for.timeout-none.plain-await, wait_for.result.before-deadline,
// wait_for.error.inner-exception, scenarios wait_for.none-timeout, wait_for.result-before-timeout
TEST(WaitFor, results_and_errors_before_deadline) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        log("none " + std::to_string(co_await wait_for(ok(1000), std::nullopt)));
        log("result " + std::to_string(co_await wait_for(ok(0.5), 1)));
        try {
            co_await wait_for(bad(0.1), 1);
        } catch (const Boom& e) {
            log("caught " + e.repr());
        }
        co_await sleep(2);
        log("still fine " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"1000 none 1000.000000", "1000.5 result 0.500000", "1000.6 caught Boom()", "1002.6 still fine 0"}));
}

// wait_for.timeout.cancels-and-raises, wait_for.timeout.builtin-timeout-error,
// wait_for.timing.iterations (after a timeout: 1), scenarios
// wait_for.timeout-cancels-inner, wait_for.timeout-iterations
TEST(WaitFor, timeout_cancels_inner) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    Ticker ticker(loop);
    int timeout_tick = -1;
    auto job = [&]() -> Coro<> {
        try {
            co_await sleep(10);
        } catch (const CancelledError& e) {
            log("inner cancelled " + e.repr());
            ticker.start();
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(job());
        try {
            co_await wait_for(t, 1);
        } catch (const TimeoutError& e) {
            timeout_tick = ticker.now();
            log("timeout " + repr(e.cause));
        }
        log("inner " + b(t.cancelled()));
        log("cancelling " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 inner cancelled CancelledError()", "1 timeout CancelledError()", "1 inner True",
                             "1 cancelling 0"}));
    EXPECT_EQ(timeout_tick, 1);
}

// wait_for.timeout-zero.done-or-cancel, scenarios wait_for.zero-timeout,
// wait_for.zero-timeout-swallowed
TEST(WaitFor, zero_timeout) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&]() -> Coro<int> {
        log("job body runs");
        co_return 1;
    };
    auto swallow = [&]() -> Coro<std::string> {
        try {
            co_await sleep(10);
        } catch (const CancelledError&) {
            log("job swallowed");
        }
        co_return "kept";
    };
    auto main = [&]() -> Coro<> {
        auto f = create_future<std::string>(loop);
        f.set_result("ready");
        log("done future " + co_await wait_for(f, 0));
        try {
            co_await wait_for(job(), 0);
        } catch (const TimeoutError& e) {
            log("timeout " + repr(e.cause));
        }
        try {
            co_await wait_for(job(), -1);
        } catch (const TimeoutError&) {
            log("negative timeout");
        }
        auto t = create_task(swallow());
        co_await sleep(0);
        log("result " + co_await wait_for(t, 0));
        log("task " + b(t.cancelled()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 done future ready", "0 timeout CancelledError()", "0 negative timeout",
                             "0 job swallowed", "0 result kept", "0 task False"}));
}

}  // namespace
}  // namespace asyncio
