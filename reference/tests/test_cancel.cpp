// Task cancellation clauses (spec/clauses/cancel.toml; CPython 3.13 profile).
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::raised;
using testing::Ticker;
using testing::Trace;

// cancel.done-returns-false: cancel() on a done task returns false; cancelling() unchanged.
TEST(Cancel, TC_1_cancel_done_task_returns_false) {
    EventLoop loop(Clock::virtual_);
    auto noop = []() -> Coro<int> { co_return 1; };
    auto t = create_task(loop, noop());
    run_until_complete(loop, t);
    EXPECT_FALSE(t.cancel());
    EXPECT_EQ(t.cancelling(), 0);
    EXPECT_FALSE(t.cancelled());
    EXPECT_EQ(t.result(), 1);
}

// cancel.pending-returns-true: every cancel() of a pending task counts and returns true.
// cancel.multiple.one-error: several cancels before it resumes deliver one CancelledError, with
// the first message.
TEST(Cancel, TC_2_TC_5_repeated_cancel_counts_and_delivers_once) {
    EventLoop loop(Clock::virtual_);
    int deliveries = 0;
    std::string message;
    auto body = [&]() -> Coro<> {
        try {
            co_await sleep(10);
        } catch (const CancelledError& e) {
            ++deliveries;
            message = e.repr();
        }
        co_await sleep(0);  // a second delivery would land here
    };
    auto t = create_task(loop, body());
    loop.call_soon([&] {
        EXPECT_TRUE(t.cancel("first"));
        EXPECT_TRUE(t.cancel("second"));
        EXPECT_EQ(t.cancelling(), 2);
    });
    run_until_complete(loop, t);
    EXPECT_EQ(deliveries, 1);
    EXPECT_EQ(message, "CancelledError('first')");
    EXPECT_FALSE(t.cancelled());  // cancel.swallowed
    EXPECT_EQ(t.cancelling(), 2);
}

// cancel.cancelled-after-delivery: cancelled() is false until the task actually ends by CancelledError.
TEST(Cancel, TC_3_cancelled_only_after_the_task_ends) {
    EventLoop loop(Clock::virtual_);
    std::vector<bool> observed;
    Task<> t;
    auto body = [&]() -> Coro<> { co_await sleep(10); };
    auto main = [&]() -> Coro<> {
        t = create_task(body());
        co_await sleep(0);
        t.cancel();
        observed.push_back(t.cancelled());
        try {
            co_await t;
        } catch (const CancelledError&) {
        }
        observed.push_back(t.cancelled());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(observed, (std::vector<bool>{false, true}));
}

// cancel.before-first-step: cancelled before its first step: the body never runs; the
// awaiter sees CancelledError(msg).
TEST(Cancel, TC_4a_cancel_before_first_step) {
    EventLoop loop(Clock::virtual_);
    bool ran = false;
    std::string seen;
    auto body = [&]() -> Coro<> {
        ran = true;
        co_return;
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(body());
        t.cancel("bye");
        try {
            co_await t;
        } catch (const CancelledError& e) {
            seen = e.repr();
        }
        EXPECT_TRUE(t.cancelled());
        EXPECT_EQ(t.cancelling(), 1);
    };
    run_until_complete(loop, main());
    EXPECT_FALSE(ran);
    EXPECT_EQ(seen, "CancelledError('bye')");
}

// cancel.self.return-ends-cancelled: a task that cancels itself and returns without suspending ends
// CANCELLED although the coroutine returned.
TEST(Cancel, TC_4b_self_cancel_then_return_ends_cancelled) {
    EventLoop loop(Clock::virtual_);
    auto body = []() -> Coro<int> {
        current_task()->cancel("self");
        co_return 1;
    };
    auto t = create_task(loop, body());
    EXPECT_EQ(raised([&] { run_until_complete(loop, t); }), "CancelledError('self')");
    EXPECT_TRUE(t.cancelled());
}

// cancel.self.lands-at-suspension: self-cancel, then await a done future: no suspension, no cancel
// there; it lands at the next real suspension.
TEST(Cancel, TC_4c_cancel_lands_at_the_next_real_suspension) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto done = create_future<int>(loop);
    done.set_result(4);
    auto body = [&]() -> Coro<> {
        current_task()->cancel();
        int v = co_await done;
        trace.log("awaited done future: " + std::to_string(v));
        try {
            co_await sleep(0);
            trace.log("not cancelled");
        } catch (const CancelledError&) {
            trace.log("cancelled at sleep(0)");
        }
    };
    run_until_complete(loop, create_task(loop, body()));
    EXPECT_EQ(trace.events, (std::vector<std::string>{"awaited done future: 4", "cancelled at sleep(0)"}));
}

// cancel.race.after-wakeup-scheduled: cancel() after the awaited future completed but before the
// wakeup ran: CancelledError replaces the result.
TEST(Cancel, TC_4d_cancel_between_completion_and_wakeup) {
    EventLoop loop(Clock::virtual_);
    auto fut = create_future<int>(loop);
    std::string outcome;
    Task<> t;
    auto body = [&]() -> Coro<> {
        try {
            int v = co_await fut;
            outcome = "result " + std::to_string(v);
        } catch (const CancelledError& e) {
            outcome = e.repr();
        }
    };
    t = create_task(loop, body());
    loop.call_soon([&] {  // the body has suspended on fut in iteration 1
        loop.call_soon([&] {
            fut.set_result(1);  // schedules the wakeup
            EXPECT_TRUE(t.cancel("late"));  // fut is done: must_cancel instead
        });
    });
    run_until_complete(loop, t);
    EXPECT_EQ(outcome, "CancelledError('late')");
}

// cancel.forwarded-to-awaited: cancelling a task that awaits another task cancels the inner one; if
// the inner swallows and returns, the outer gets the value, is not
// cancelled, and its cancelling() stays 1.
TEST(Cancel, TC_6_cancel_is_forwarded_to_the_awaited_task) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    Task<int> inner;
    auto inner_body = [&]() -> Coro<int> {
        try {
            co_await sleep(10);
        } catch (const CancelledError& e) {
            trace.log("inner got " + e.repr());
            co_return 42;
        }
        co_return 0;
    };
    auto outer_body = [&]() -> Coro<int> {
        inner = create_task(inner_body());
        co_return co_await inner;
    };
    auto outer = create_task(loop, outer_body());
    loop.call_soon([&] { loop.call_soon([&] { outer.cancel("stop"); }); });
    EXPECT_EQ(run_until_complete(loop, outer), 42);
    EXPECT_EQ(trace.events, (std::vector<std::string>{"inner got CancelledError('stop')"}));
    EXPECT_FALSE(outer.cancelled());
    EXPECT_EQ(outer.cancelling(), 1);
    EXPECT_EQ(inner.cancelling(), 1);
}

// cancel.raise-without-cancel: a coroutine raising CancelledError without any cancel() ends the task
// CANCELLED with cancelling() == 0.
TEST(Cancel, TC_8_cancelled_error_without_cancel) {
    EventLoop loop(Clock::virtual_);
    auto body = []() -> Coro<> {
        co_await sleep(0);
        throw CancelledError("own");
    };
    auto t = create_task(loop, body());
    EXPECT_EQ(raised([&] { run_until_complete(loop, t); }), "CancelledError('own')");
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(t.cancelling(), 0);
}

// cancel.message: the message reaches the coroutine and the awaiter, which receives
// the very exception object the coroutine raised.
TEST(Cancel, TC_9_awaiter_receives_the_raised_object) {
    EventLoop loop(Clock::virtual_);
    const void* raised_by_child = nullptr;
    const void* seen_by_awaiter = nullptr;
    std::string repr;
    auto child = [&]() -> Coro<> {
        try {
            co_await sleep(10);
        } catch (const CancelledError& e) {
            raised_by_child = &e;
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(child());
        co_await sleep(0);
        t.cancel("msg");
        try {
            co_await t;
        } catch (const CancelledError& e) {
            seen_by_awaiter = &e;
            repr = e.repr();
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(repr, "CancelledError('msg')");
    EXPECT_EQ(raised_by_child, seen_by_awaiter);
}

// cancel.uncancel.count, cancel.uncancel.pending-cancel (3.13): uncancel
// decrements while > 0, never negative; reaching 0 withdraws a pending,
// undelivered cancel.
TEST(Cancel, TC_10_uncancel_to_zero_clears_pending_cancel) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto body = [&]() -> Coro<> {
        TaskBase* self = current_task();
        self->cancel();
        self->cancel();
        trace.log("uncancel -> " + std::to_string(self->uncancel()));
        trace.log("uncancel -> " + std::to_string(self->uncancel()));
        trace.log("uncancel -> " + std::to_string(self->uncancel()));
        co_await sleep(0);
        trace.log("not cancelled");
    };
    auto t = create_task(loop, body());
    run_until_complete(loop, t);
    EXPECT_EQ(trace.events,
              (std::vector<std::string>{"uncancel -> 1", "uncancel -> 0", "uncancel -> 0", "not cancelled"}));
    EXPECT_FALSE(t.cancelled());
}

// cancel.uncancel.pending-cancel: uncancel cannot withdraw a cancel already pushed into the awaited future.
TEST(Cancel, TC_10_uncancel_cannot_withdraw_a_delivered_cancel) {
    EventLoop loop(Clock::virtual_);
    std::string outcome = "none";
    auto body = [&]() -> Coro<> {
        try {
            co_await sleep(10);
        } catch (const CancelledError&) {
            outcome = "cancelled";
        }
    };
    auto t = create_task(loop, body());
    loop.call_soon([&] {
        t.cancel();
        EXPECT_EQ(t.uncancel(), 0);
    });
    run_until_complete(loop, t);
    EXPECT_EQ(outcome, "cancelled");
}

// cancel.uncancel.count: uncancel on a done task has no effect beyond the count.
TEST(Cancel, TC_10_uncancel_never_negative) {
    EventLoop loop(Clock::virtual_);
    auto noop = []() -> Coro<> { co_return; };
    auto t = create_task(loop, noop());
    run_until_complete(loop, t);
    EXPECT_EQ(t.uncancel(), 0);
    EXPECT_EQ(t.cancelling(), 0);
}

// The cancel reaches a task waiting on a plain future: the future is
// cancelled with the message (cancel.forwarded-to-future).
TEST(Cancel, cancel_goes_to_the_awaited_future) {
    EventLoop loop(Clock::virtual_);
    auto fut = create_future<int>(loop);
    auto body = [&]() -> Coro<> { co_await fut; };
    auto t = create_task(loop, body());
    loop.call_soon([&] { t.cancel("m"); });
    EXPECT_EQ(raised([&] { run_until_complete(loop, t); }), "CancelledError('m')");
    EXPECT_TRUE(fut.cancelled());
}

}  // namespace
}  // namespace asyncio
