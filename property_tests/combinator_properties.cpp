// Properties of gather, TaskGroup and timeout over random children (any
// completion times, ties, immediate completion, failures, cancellations).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace asyncio {
namespace {

class Boom : public Exception {
public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "Boom"; }
};

enum class Outcome_ { value, fail, cancel };

struct Child {
    int delay;  // -1: completes without suspending; 0: sleep(0); k > 0: sleep(k)
    Outcome_ outcome;
};

rc::Gen<Child> gen_child() {
    return rc::gen::build<Child>(
        rc::gen::set(&Child::delay, rc::gen::inRange(-1, 4)),
        rc::gen::set(&Child::outcome, rc::gen::weightedElement<Outcome_>(
                                          {{4, Outcome_::value}, {2, Outcome_::fail}, {1, Outcome_::cancel}})));
}

// What a thrown exception is, as "Boom 3" / "CancelledError" / "other".
std::string what(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const Boom& b) {
        return "Boom " + b.args.front();
    } catch (const CancelledError&) {
        return "CancelledError";
    } catch (...) {
        return "other";
    }
}

Coro<int> child(int i, Child c, std::vector<int>& completed) {
    if (c.delay >= 0) co_await sleep(c.delay);
    completed.push_back(i);
    if (c.outcome == Outcome_::fail) throw Boom(std::to_string(i));
    if (c.outcome == Outcome_::cancel) throw CancelledError();  // cancel.raise-without-cancel
    co_return i * 10;
}

std::string expected_failure(int i, const Child& c) {
    return c.outcome == Outcome_::fail ? "Boom " + std::to_string(i) : "CancelledError";
}

// gather.results.argument-order, gather.return-exceptions.in-results:
// with return_exceptions=True every outcome lands at its argument's index.
RC_GTEST_PROP(GatherProperties, return_exceptions_results_in_argument_order, ()) {
    const auto kids = *rc::gen::container<std::vector<Child>>(gen_child());
    EventLoop loop(Clock::virtual_);
    std::vector<int> completed;
    auto main = [&]() -> Coro<std::vector<Outcome<int>>> {
        std::vector<Coro<int>> cs;
        for (int i = 0; i < static_cast<int>(kids.size()); ++i) cs.push_back(child(i, kids[size_t(i)], completed));
        co_return co_await gather(return_exceptions, std::move(cs));
    };
    auto out = run_until_complete(loop, main());
    RC_ASSERT(out.size() == kids.size());
    RC_ASSERT(completed.size() == kids.size());
    for (std::size_t i = 0; i < kids.size(); ++i) {
        if (kids[i].outcome == Outcome_::value) {
            RC_ASSERT(out[i].has_value());
            RC_ASSERT(out[i].value() == int(i) * 10);
        } else {
            RC_ASSERT(what(out[i].exception()) == expected_failure(int(i), kids[i]));
        }
    }
}

// gather.results.argument-order, gather.error.first-exception-propagates,
// gather.error.child-cancel-is-exception: without return_exceptions the
// outer error is the first failure in completion order; without failures
// the results are in argument order.
RC_GTEST_PROP(GatherProperties, first_failure_in_completion_order, ()) {
    const auto kids = *rc::gen::container<std::vector<Child>>(gen_child());
    EventLoop loop(Clock::virtual_);
    std::vector<int> completed;
    std::string outcome;
    std::vector<int> results;
    auto main = [&]() -> Coro<> {
        std::vector<Coro<int>> cs;
        for (int i = 0; i < static_cast<int>(kids.size()); ++i) cs.push_back(child(i, kids[size_t(i)], completed));
        try {
            results = co_await gather(std::move(cs));
            outcome = "ok";
        } catch (...) {
            outcome = what(std::current_exception());
        }
        co_await sleep(10);  // let the siblings finish (gather.error.siblings-keep-running)
    };
    run_until_complete(loop, main());
    RC_ASSERT(completed.size() == kids.size());
    std::string want = "ok";
    for (int i : completed)
        if (kids[size_t(i)].outcome != Outcome_::value) {
            want = expected_failure(i, kids[size_t(i)]);
            break;
        }
    RC_ASSERT(outcome == want);
    if (want == "ok") {
        RC_ASSERT(results.size() == kids.size());
        for (std::size_t i = 0; i < kids.size(); ++i) RC_ASSERT(results[i] == int(i) * 10);
    }
    // completion follows the deadlines (ties: any order)
    for (std::size_t k = 1; k < completed.size(); ++k)
        RC_ASSERT(kids[size_t(completed[k - 1])].delay <= std::max(0, kids[size_t(completed[k])].delay) ||
                  kids[size_t(completed[k - 1])].delay <= 0);
}

// gather.cancel.broadcast-in-order: cancelling the outer gather reaches every
// child still running, in argument order, with the message; the awaiter
// gets CancelledError even with return_exceptions (gather.cancel.raises-even-with-return-exceptions).
RC_GTEST_PROP(GatherProperties, outer_cancel_reaches_children_in_argument_order, (bool ret_exc)) {
    const auto delays = *rc::gen::container<std::vector<int>>(rc::gen::inRange(-1, 4));
    EventLoop loop(Clock::virtual_);
    std::vector<int> cancelled_order;
    std::string outcome;
    auto kid = [&](int i, int d) -> Coro<int> {
        try {
            if (d >= 0) co_await sleep(d);
        } catch (const CancelledError& e) {
            RC_ASSERT(!e.args.empty());
            RC_ASSERT(e.args.front() == "stop");
            cancelled_order.push_back(i);
            throw;
        }
        co_return i;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Coro<int>> cs;
        for (int i = 0; i < static_cast<int>(delays.size()); ++i) cs.push_back(kid(i, delays[size_t(i)]));
        try {
            if (ret_exc) {
                auto g = gather(return_exceptions, std::move(cs));
                co_await sleep(0.5);
                g.cancel("stop");
                co_await g;
            } else {
                auto g = gather(std::move(cs));
                co_await sleep(0.5);
                g.cancel("stop");
                co_await g;
            }
            outcome = "ok";
        } catch (const CancelledError&) {
            outcome = "CancelledError";
        }
    };
    run_until_complete(loop, main());
    std::vector<int> running;
    for (int i = 0; i < static_cast<int>(delays.size()); ++i)
        if (delays[size_t(i)] >= 1) running.push_back(i);
    RC_ASSERT(cancelled_order == running);
    // every child done by 0.5: gather.cancel.no-child-cancelled-returns-false, the outer is not cancelled
    RC_ASSERT(outcome == (running.empty() ? "ok" : "CancelledError"));
}

// ---- TaskGroup ------------------------------------------------------------------

struct TgChild {
    int delay;  // sleep(delay), delay >= 0
    bool fails;
};

// taskgroup.exit.waits-for-all, taskgroup.errors.exception-group,
// taskgroup.errors.completion-order, taskgroup.errors.cancelled-not-error:
// when the group exits every child is done, and the group holds exactly the
// non-cancel errors in completion order (the body's own error last).
RC_GTEST_PROP(TaskGroupProperties, every_child_done_and_errors_in_completion_order, ()) {
    const auto kids = *rc::gen::container<std::vector<TgChild>>(
        rc::gen::build<TgChild>(rc::gen::set(&TgChild::delay, rc::gen::inRange(0, 4)), rc::gen::set(&TgChild::fails)));
    const int body_delay = *rc::gen::inRange(0, 4);
    const bool body_fails = *rc::gen::arbitrary<bool>();
    EventLoop loop(Clock::virtual_);
    std::vector<std::string> failed;  // children's failures, in the order they happened
    bool body_threw = false;
    std::vector<Task<int>> tasks;
    std::vector<std::string> members;
    bool raised = false;
    auto kid = [&](int i, TgChild c) -> Coro<int> {
        co_await sleep(c.delay);
        if (c.fails) {
            failed.push_back("Boom " + std::to_string(i));
            throw Boom(std::to_string(i));
        }
        co_return i;
    };
    auto main = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                for (int i = 0; i < static_cast<int>(kids.size()); ++i)
                    tasks.push_back(tg.create_task(kid(i, kids[size_t(i)])));
                co_await sleep(body_delay);
                if (body_fails) {
                    body_threw = true;
                    throw Boom("body");
                }
            });
        } catch (const ExceptionGroup& eg) {
            raised = true;
            for (const auto& e : eg.exceptions()) members.push_back(what(e));
        }
        for (auto& t : tasks) RC_ASSERT(t.done());
    };
    run_until_complete(loop, main());
    // the body's own error comes after the children's (3.13 _aexit appends it
    // once every child is done)
    if (body_threw) failed.push_back("Boom body");
    RC_ASSERT(raised == !failed.empty());
    RC_ASSERT(members == failed);
    for (auto& t : tasks) RC_ASSERT(t.done());
}

// ---- timeouts ------------------------------------------------------------------

// timeout.exit.converts-to-timeout-error, timeout.exit.foreign-cancel-propagates,
// timeout.query.expired: TimeoutError iff the timeout expired and the
// cancellation was its own; a foreign cancel propagates as CancelledError.
// Deadlines are distinct quarter-seconds (equal deadlines are IMPL-DEFINED).
RC_GTEST_PROP(TimeoutProperties, timeout_error_iff_own_expiry, ()) {
    const auto ds = *rc::gen::unique<std::vector<int>>(3, rc::gen::inRange(1, 20));
    const bool foreign = *rc::gen::arbitrary<bool>();
    const double d_timeout = ds[0] / 4.0, d_body = ds[1] / 4.0, d_cancel = ds[2] / 4.0;
    EventLoop loop(Clock::virtual_);
    std::string outcome;
    bool expired = false;
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(d_timeout);
        try {
            co_await async_with(cm, [&]() -> Coro<> { co_await sleep(d_body); });
            outcome = "ok";
        } catch (const TimeoutError&) {
            outcome = "TimeoutError";
        } catch (const CancelledError&) {
            outcome = "CancelledError";
        }
        expired = cm.expired();
    };
    Task<> t = create_task(loop, main());
    if (foreign) loop.call_later(d_cancel, [t] { t.cancel(); });
    run_until_complete(loop, t);
    const bool foreign_first = foreign && d_cancel < std::min(d_timeout, d_body);
    std::string want;
    if (foreign_first)
        want = "CancelledError";
    else if (d_timeout < d_body)
        want = "TimeoutError";
    else
        want = "ok";
    RC_ASSERT(outcome == want);
    RC_ASSERT(expired == (!foreign_first && d_timeout < d_body));
}

// timeout.nested.inner-only, timeout.nested.outer-converts: with nested
// timeouts the one that expired first converts, at its own level.
RC_GTEST_PROP(TimeoutProperties, nested_timeouts_convert_at_the_right_level, ()) {
    const auto ds = *rc::gen::unique<std::vector<int>>(3, rc::gen::inRange(1, 20));
    const double d_outer = ds[0] / 4.0, d_inner = ds[1] / 4.0, d_body = ds[2] / 4.0;
    EventLoop loop(Clock::virtual_);
    std::string level = "none";
    bool outer_expired = false, inner_expired = false;
    auto main = [&]() -> Coro<> {
        Timeout outer = timeout(d_outer);
        try {
            co_await async_with(outer, [&]() -> Coro<> {
                Timeout inner = timeout(d_inner);
                try {
                    co_await async_with(inner, [&]() -> Coro<> { co_await sleep(d_body); });
                } catch (const TimeoutError&) {
                    level = "inner";
                }
                inner_expired = inner.expired();
            });
        } catch (const TimeoutError&) {
            level = "outer";
        }
        outer_expired = outer.expired();
    };
    run_until_complete(loop, main());
    std::string want = "none";
    if (d_body > std::min(d_outer, d_inner)) want = d_inner < d_outer ? "inner" : "outer";
    RC_ASSERT(level == want);
    RC_ASSERT(outer_expired == (want == "outer"));
    if (want == "inner") RC_ASSERT(inner_expired);
}

}  // namespace
}  // namespace asyncio
