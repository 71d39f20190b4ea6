// timeout / timeout_at (spec/clauses/timeout.toml), CPython 3.13 profile.
// Each test mirrors spec/scenarios/timeout/<name>.py and its 3.13 trace.
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

std::string cancelling() { return std::to_string(current_task()->cancelling()); }

// timeout.exit.converts-to-timeout-error, timeout.expiry.cancels-task,
// scenario timeout.basic-expiry
TEST(Timeout, basic_expiry) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                try {
                    co_await sleep(10);
                } catch (const CancelledError& e) {
                    log("body cancelled " + e.repr() + " " + cancelling());
                    throw;
                }
            });
        } catch (const TimeoutError& e) {
            log("timeout " + repr(e.cause) + " " + repr(e.context));
        }
        log("after " + b(cm.expired()) + " " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 body cancelled CancelledError() 1", "1 timeout CancelledError() CancelledError()",
                             "1 after True 0"}));
}

// timeout.enter.records-baseline, scenario timeout.baseline-cancelling
TEST(Timeout, baseline_cancelling) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        TaskBase* me = current_task();
        me->cancel();
        try {
            co_await sleep(0);
        } catch (const CancelledError&) {
            log("swallowed first cancel " + cancelling());
        }
        try {
            co_await async_with(timeout(1), [&]() -> Coro<> { co_await sleep(10); });
        } catch (const TimeoutError&) {
            log("timeout " + cancelling());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 swallowed first cancel 1", "1 timeout 1"}));
}

// timeout.exit.no-error-if-swallowed, scenario timeout.body-swallows
TEST(Timeout, body_swallows) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        co_await async_with(cm, [&]() -> Coro<> {
            try {
                co_await sleep(10);
            } catch (const CancelledError&) {
                log("swallowed");
            }
            co_await sleep(0.5);
            log("body continues");
        });
        log("after " + b(cm.expired()) + " " + cancelling());
        co_await sleep(1);
        log("no late cancel");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 swallowed", "1.5 body continues", "1.5 after True 0", "2.5 no late cancel"}));
}

// timeout.exit.foreign-cancel-propagates, timeout.reschedule.past-is-call-soon
// scenario timeout.cancel-same-iteration-as-expiry
TEST(Timeout, cancel_same_iteration_as_expiry) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        TaskBase* me = current_task();
        Timeout cm = timeout(10);
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                cm.reschedule(loop.time());
                loop.call_soon([me] { me->cancel(); });
                co_await sleep(1);
            });
        } catch (const TimeoutError&) {
            log("timeout");
        } catch (const CancelledError&) {
            log("cancelled " + b(cm.expired()) + " " + cancelling());
        }
        me->uncancel();
        log("after uncancel " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 cancelled True 1", "0 after uncancel 0"}));
}

// timeout.create.deadline-fixed-at-call, scenario timeout.deadline-at-creation
TEST(Timeout, deadline_at_creation) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        log("when " + std::to_string(*cm.when()));
        co_await sleep(0.5);
        try {
            co_await async_with(cm, [&]() -> Coro<> { co_await sleep(10); });
        } catch (const TimeoutError&) {
            log("timed out");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 when 1.000000", "1 timed out"}));
}

// timeout.enter.once-only, timeout.query.expired, timeout.reschedule.only-while-entered
// scenarios timeout.enter-twice, timeout.expired-states, timeout.reschedule-errors
TEST(Timeout, states_and_errors) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        log("created " + b(cm.expired()));
        try {
            cm.reschedule(5);
        } catch (const RuntimeError& e) {
            log("before enter " + std::string(e.type_name()));
        }
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                log("entered " + b(cm.expired()));
                try {
                    co_await sleep(10);
                } catch (const CancelledError&) {
                    log("expiring " + b(cm.expired()));
                    try {
                        cm.reschedule(loop.time() + 10);
                    } catch (const RuntimeError&) {
                        log("while expiring RuntimeError");
                    }
                    throw;
                }
            });
        } catch (const TimeoutError&) {
            log("exited " + b(cm.expired()));
        }
        try {
            cm.reschedule(loop.time() + 10);
        } catch (const RuntimeError&) {
            log("after exit RuntimeError");
        }
        try {
            co_await async_with(cm, [&]() -> Coro<> { co_return; });
        } catch (const RuntimeError&) {
            log("second enter RuntimeError");
        }
        Timeout cm2 = timeout(5);
        co_await async_with(cm2, [&]() -> Coro<> { co_return; });
        try {
            cm2.reschedule(std::nullopt);
        } catch (const RuntimeError&) {
            log("after normal exit RuntimeError");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 created False", "0 before enter RuntimeError", "0 entered False", "1 expiring True",
                             "1 while expiring RuntimeError", "1 exited True", "1 after exit RuntimeError",
                             "1 second enter RuntimeError", "1 after normal exit RuntimeError"}));
}

// timeout.exit.foreign-cancel-propagates, scenario timeout.external-cancel
TEST(Timeout, external_cancel) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto worker = [&]() -> Coro<> {
        Timeout cm = timeout(5);
        try {
            co_await async_with(cm, [&]() -> Coro<> { co_await sleep(10); });
        } catch (const TimeoutError&) {
            log("timeout - wrong");
        } catch (const CancelledError& e) {
            log("cancelled " + e.repr() + " " + b(cm.expired()));
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto t = create_task(worker());
        co_await sleep(1);
        t.cancel("external");
        try {
            co_await t;
        } catch (const CancelledError&) {
            log("task cancelled " + b(t.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 cancelled CancelledError('external') False", "1 task cancelled True"}));
}

// timeout.timing.no-extra-iterations, scenario timeout.iterations
TEST(Timeout, no_extra_iterations) {
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
        int r = co_await async_with(timeout(10), [&]() -> Coro<int> { co_return co_await t; });
        EXPECT_EQ(r, 1);
        resumed = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(resumed, 1);
}

// timeout.nested.both-expired-outermost-converts, scenario timeout.nested-both-expire
TEST(Timeout, nested_both_expire) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout outer = timeout(10);
        try {
            co_await async_with(outer, [&]() -> Coro<> {
                Timeout inner = timeout(20);
                try {
                    co_await async_with(inner, [&]() -> Coro<> {
                        inner.reschedule(loop.time());
                        outer.reschedule(loop.time());
                        co_await sleep(1);
                    });
                } catch (const CancelledError&) {
                    log("inner passed cancel " + b(inner.expired()) + " " + cancelling());
                    throw;
                } catch (const TimeoutError&) {
                    log("inner converted - unexpected");
                }
            });
        } catch (const TimeoutError&) {
            log("outer timeout " + b(outer.expired()) + " " + cancelling());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 inner passed cancel True 1", "0 outer timeout True 0"}));
}

// timeout.nested.inner-only, scenario timeout.nested-inner-expires
TEST(Timeout, nested_inner_expires) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout outer = timeout(5);
        co_await async_with(outer, [&]() -> Coro<> {
            Timeout inner = timeout(1);
            try {
                co_await async_with(inner, [&]() -> Coro<> { co_await sleep(10); });
            } catch (const TimeoutError&) {
                log("inner timeout " + b(inner.expired()));
            }
            co_await sleep(1);
            log("outer body continues");
        });
        log("outer " + b(outer.expired()));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 inner timeout True", "2 outer body continues", "2 outer False"}));
}

// timeout.nested.outer-converts, scenario timeout.nested-outer-expires
TEST(Timeout, nested_outer_expires) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout outer = timeout(1);
        try {
            co_await async_with(outer, [&]() -> Coro<> {
                Timeout inner = timeout(5);
                try {
                    co_await async_with(inner, [&]() -> Coro<> { co_await sleep(10); });
                } catch (const CancelledError&) {
                    log("inner let cancel through " + b(inner.expired()));
                    throw;
                }
            });
        } catch (const TimeoutError&) {
            log("outer timeout " + b(outer.expired()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"1 inner let cancel through False", "1 outer timeout True"}));
}

// timeout.exit.disarms, scenario timeout.no-expiry
TEST(Timeout, no_expiry) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        co_await async_with(cm, [&]() -> Coro<> {
            co_await sleep(0.5);
            log("body done");
        });
        log("expired " + b(cm.expired()));
        co_await sleep(2);
        log("later " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.5 body done", "0.5 expired False", "2.5 later 0"}));
}

// timeout.create.none-never, timeout.reschedule.moves-deadline, timeout.query.when
// scenario timeout.none-and-reschedule
TEST(Timeout, none_and_reschedule) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(std::nullopt);
        co_await async_with(cm, [&]() -> Coro<> {
            log("when " + b(cm.when().has_value()));
            co_await sleep(5);
            log("still running");
        });
        Timeout cm2 = timeout(1);
        co_await async_with(cm2, [&]() -> Coro<> {
            cm2.reschedule(std::nullopt);
            co_await sleep(2);
            log("disabled " + b(cm2.when().has_value()));
        });
        Timeout cm3 = timeout(1);
        try {
            co_await async_with(cm3, [&]() -> Coro<> {
                cm3.reschedule(loop.time() + 3);
                log("later " + std::to_string(*cm3.when()));
                co_await sleep(2);
                log("survived original deadline");
                cm3.reschedule(loop.time() + 0.5);
                co_await sleep(10);
            });
        } catch (const TimeoutError&) {
            log("fired");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 when False", "5 still running", "7 disabled False", "7 later 10.000000",
                             "9 survived original deadline", "9.5 fired"}));
}

// timeout.exit.other-exception-passes (3.13: TimeoutError inserted into the
// __context__ chain), scenario timeout.other-exception-while-expiring
TEST(Timeout, other_exception_while_expiring) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                std::exception_ptr cancelled;
                try {
                    co_await sleep(10);
                } catch (const CancelledError&) {
                    cancelled = std::current_exception();
                }
                Boom boom("replaced");
                boom.context = cancelled;  // Python's implicit chaining
                throw boom;
            });
        } catch (const Boom& e) {
            const BaseException* c = exception_object(e.context);
            log("caught " + e.repr() + " " + repr(e.context) + " " + b(cm.expired()));
            log("chain " + repr(c->context) + " " + repr(c->cause));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"1 caught Boom('replaced') TimeoutError() True", "1 chain CancelledError() CancelledError()"}));
}

// timeout.reschedule.past-is-call-soon, scenario timeout.reschedule-past
TEST(Timeout, reschedule_past_runs_fifo) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(10);
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                cm.reschedule(loop.time());
                loop.call_soon([&] { log("tick 1"); });
                try {
                    co_await sleep(0);
                    log("not reached");
                } catch (const CancelledError&) {
                    log("sleep(0) cancelled");
                    throw;
                }
            });
        } catch (const TimeoutError&) {
            log("timeout " + b(cm.expired()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 tick 1", "0 sleep(0) cancelled", "0 timeout True"}));
}

// timeout.create.timeout-at-absolute, scenario timeout.timeout-at
TEST(Timeout, timeout_at) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        co_await sleep(0.2);
        try {
            Timeout cm = timeout_at(0.7);
            co_await async_with(cm, [&]() -> Coro<> {
                log("when " + std::to_string(*cm.when()));
                co_await sleep(10);
            });
        } catch (const TimeoutError&) {
            log("timed out");
        }
        try {
            co_await async_with(timeout_at(0.1), [&]() -> Coro<> {
                log("body starts");
                co_await sleep(0);
                log("not reached");
            });
        } catch (const TimeoutError&) {
            log("past deadline timed out");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.2 when 0.700000", "0.7 timed out", "0.7 body starts", "0.7 past deadline timed out"}));
}

// timeout.expiry.at-first-suspension, scenario timeout.zero-delay
TEST(Timeout, zero_delay) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        auto f = create_future<int>(loop);
        f.set_result(1);
        try {
            co_await async_with(timeout(0), [&]() -> Coro<> {
                log("body starts");
                log("done future " + std::to_string(co_await f));
                co_await sleep(1);
                log("not reached");
            });
        } catch (const TimeoutError&) {
            log("timeout");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 body starts", "0 done future 1", "0 timeout"}));
}

// The manual form (what the IR interpreter does) and enter outside a task.
TEST(Timeout, manual_enter_exit) {
    EventLoop loop(Clock::virtual_);
    std::string out;
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        co_await cm.aenter();
        std::exception_ptr exc;
        try {
            co_await sleep(5);
        } catch (...) {
            exc = std::current_exception();
        }
        try {
            co_await cm.aexit(exc);
        } catch (const TimeoutError& e) {
            out = e.repr() + " from " + repr(e.cause);
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(out, "TimeoutError() from CancelledError()");
    EXPECT_EQ(testing::raised([] { timeout(1); }), "RuntimeError('no running event loop')");
}

}  // namespace
}  // namespace asyncio
