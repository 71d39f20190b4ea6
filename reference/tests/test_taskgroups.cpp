// TaskGroup and exception groups (spec/clauses/taskgroup.toml), CPython 3.13
// profile. Each test mirrors spec/scenarios/taskgroup/<name>.py and its 3.13
// trace.
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

#define USER_EXCEPTION(Name, Base)                                        \
    class Name : public Base {                                            \
    public:                                                               \
        using Base::Base;                                                 \
        const char* type_name() const noexcept override { return #Name; } \
    }
USER_EXCEPTION(Fatal, BaseException);
USER_EXCEPTION(First, Exception);
USER_EXCEPTION(Second, Exception);
USER_EXCEPTION(OnCancel, Exception);
USER_EXCEPTION(FromBody, Exception);
USER_EXCEPTION(A, Exception);
USER_EXCEPTION(B, Exception);

std::string cancelling() { return std::to_string(current_task()->cancelling()); }

Coro<> sibling(std::string name, TimedLog& log, double d = 5) {
    try {
        co_await sleep(d);
    } catch (const CancelledError&) {
        log("cancelled " + name);
        throw;
    }
}
Coro<> bad(double d = 0.1, std::string msg = "") {
    co_await sleep(d);
    if (msg.empty()) throw Boom();
    throw Boom(msg);
}

// taskgroup.exit.waits-for-all, scenario taskgroup.waits-for-all
TEST(TaskGroup, waits_for_all) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&](std::string name, double d) -> Coro<std::string> {
        co_await sleep(d);
        log("finished " + name);
        co_return name;
    };
    auto main = [&]() -> Coro<> {
        Task<std::string> a, bb;
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            a = tg.create_task(job("a", 0.2));
            bb = tg.create_task(job("b", 0.1));
            log("body done");
            co_return;
        });
        log("after group " + a.result() + " " + bb.result());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 body done", "0.1 finished b", "0.2 finished a", "0.2 after group a b"}));
}

// taskgroup.abort.child-error-cancels-all, taskgroup.abort.parent-uncancelled
// scenario taskgroup.child-error-aborts
TEST(TaskGroup, child_error_aborts) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Task<> s;
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(bad(0.1, "child"));
                s = tg.create_task(sibling("sibling", log));
                try {
                    co_await sleep(10);
                } catch (const CancelledError&) {
                    log("body cancelled");
                    throw;
                }
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr());
        }
        log("after " + b(s.cancelled()) + " " + cancelling());
        co_await sleep(0.1);
        log("parent still usable");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancelled sibling", "0.1 body cancelled",
                             "0.1 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom('child')])",
                             "0.1 after True 0", "0.2 parent still usable"}));
}

// taskgroup.abort.body-error-cancels-children, scenario taskgroup.body-error
TEST(TaskGroup, body_error) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        Task<> t;
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                t = tg.create_task(sibling("child", log));
                co_await sleep(0.1);
                throw Boom("body");
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr() + " " + b(t.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancelled child",
                             "0.1 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom('body')]) True"}));
}

// taskgroup.errors.base-error-bare (3.13: cancelling() stays 1), scenario taskgroup.base-error-bare
TEST(TaskGroup, base_error_bare) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(bad());
                try {
                    co_await sleep(5);
                } catch (const CancelledError&) {
                    throw KeyboardInterrupt();
                }
            });
        } catch (const KeyboardInterrupt& e) {
            log("bare " + e.repr());
        } catch (const ExceptionGroupBase& eg) {
            log("grouped " + eg.group_repr());
        }
        log("cancelling " + cancelling());
        current_task()->uncancel();  // let the test's loop finish normally
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 bare KeyboardInterrupt()", "0.1 cancelling 1"}));
}

// taskgroup.errors.exception-group (BaseExceptionGroup when a member is not an
// Exception), scenario taskgroup.base-exception-group
TEST(TaskGroup, base_exception_group) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto fatal = []() -> Coro<> {
        co_await sleep(0.1);
        throw Fatal("base");
    };
    auto cleanup_fails = []() -> Coro<> {
        bool cancelled = false;
        try {
            co_await sleep(5);
        } catch (const CancelledError&) {
            cancelled = true;
        }
        if (cancelled) throw Boom("ordinary");
    };
    auto main = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(fatal());
                tg.create_task(cleanup_fails());
                co_return;
            });
        } catch (const ExceptionGroup& eg) {
            log("wrong " + eg.group_repr());
        } catch (const BaseExceptionGroup& eg) {
            log("group " + eg.group_repr() + " " + b(is_exception(std::current_exception())));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0.1 group BaseExceptionGroup('unhandled errors in a TaskGroup', [Fatal('base'), Boom('ordinary')]) "
                 "False"}));
}

// taskgroup.errors.completion-order, scenario taskgroup.error-collection-order
TEST(TaskGroup, error_collection_order) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto late = []() -> Coro<> {
        co_await sleep(0);
        throw Second("created first, fails second");
    };
    auto early = []() -> Coro<> {
        if (true) throw First("created second, fails first");
        co_return;
    };
    auto cleanup_fails = []() -> Coro<> {
        bool cancelled = false;
        try {
            co_await sleep(5);
        } catch (const CancelledError&) {
            cancelled = true;
        }
        if (cancelled) throw OnCancel("raised while cancelled");
    };
    auto main = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(late());
                tg.create_task(early());
                tg.create_task(cleanup_fails());
                bool cancelled = false;
                try {
                    co_await sleep(10);
                } catch (const CancelledError&) {
                    cancelled = true;
                }
                if (cancelled) throw FromBody("body");
            });
        } catch (const ExceptionGroup& eg) {
            std::string s;
            for (auto& e : eg.exceptions()) s += repr(e) + " ";
            log("errors " + s);
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 errors First('created second, fails first') Second('created first, fails second') "
                             "OnCancel('raised while cancelled') FromBody('body') "}));
}

// taskgroup.errors.exception-group (except*), scenario taskgroup.except-star
TEST(TaskGroup, except_star) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto raise_a = []() -> Coro<> {
        if (true) throw A("a");
        co_return;
    };
    auto raise_b = []() -> Coro<> {
        if (true) throw B("b");
        co_return;
    };
    auto main = [&]() -> Coro<> {
        std::exception_ptr eg;
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(raise_a());
                tg.create_task(raise_b());
                co_return;
            });
        } catch (...) {
            eg = std::current_exception();
        }
        std::exception_ptr rest =
            except_star<A>(eg, [&](const std::exception_ptr& ga) { log("A handler " + repr(ga)); });
        rest = except_star<B>(rest, [&](const std::exception_ptr& gb) { log("B handler " + repr(gb)); });
        EXPECT_FALSE(rest);
        log("done");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 A handler ExceptionGroup('unhandled errors in a TaskGroup', [A('a')])",
                             "0 B handler ExceptionGroup('unhandled errors in a TaskGroup', [B('b')])", "0 done"}));
}

// taskgroup.timing.exit-two-iterations, scenario taskgroup.exit-iterations
TEST(TaskGroup, exit_two_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    int exited = -1;
    auto child = [&]() -> Coro<> {
        co_await sleep(0.1);
        ticker.start();
    };
    auto main = [&]() -> Coro<> {
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            tg.create_task(child());
            co_return;
        });
        exited = ticker.now();
    };
    run_until_complete(loop, main());
    EXPECT_EQ(exited, 2);
}

// taskgroup.cancel.external-preserved (3.13: re-delivered), scenario
// taskgroup.external-cancel-during-abort
TEST(TaskGroup, external_cancel_during_abort) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto stubborn = [&]() -> Coro<> {
        bool cancelled = false;
        try {
            co_await sleep(5);
        } catch (const CancelledError&) {
            cancelled = true;
            log("stubborn cleanup");
        }
        if (cancelled) co_await sleep(0.3);
    };
    auto parent = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(bad());
                tg.create_task(stubborn());
                co_await sleep(5);
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr() + " " + cancelling());
        }
        try {
            co_await sleep(1);
            log("next await completed");
        } catch (const CancelledError& e) {
            log("next await cancelled " + e.repr());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto p = create_task(parent());
        co_await sleep(0.2);
        p.cancel("outside");
        try {
            co_await p;
            log("parent returned");
        } catch (const CancelledError&) {
            log("parent cancelled");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0.1 stubborn cleanup", "0.4 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom()]) 1",
                 "0.4 next await cancelled CancelledError()", "0.4 parent cancelled"}));
}

// taskgroup.cancel.parent-cancel-in-body, scenario taskgroup.parent-cancelled-in-body
TEST(TaskGroup, parent_cancelled_in_body) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto parent = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(sibling("child", log));
                co_await sleep(5);
            });
        } catch (const CancelledError& e) {
            log("parent got " + e.repr() + " " + cancelling());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto p = create_task(parent());
        co_await sleep(1);
        p.cancel("outside");
        try {
            co_await p;
        } catch (const CancelledError&) {
            log("parent cancelled " + b(p.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"1 cancelled child", "1 parent got CancelledError('outside') 1", "1 parent cancelled True"}));
}

// taskgroup.cancel.parent-cancel-while-waiting, scenario taskgroup.parent-cancelled-while-waiting
TEST(TaskGroup, parent_cancelled_while_waiting) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [&]() -> Coro<> {
        try {
            co_await sleep(5);
        } catch (const CancelledError& e) {
            log("child cancelled " + e.repr());
            throw;
        }
    };
    auto parent = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(job());
                log("body done");
                co_return;
            });
        } catch (const CancelledError& e) {
            log("parent got " + e.repr());
            throw;
        }
    };
    auto main = [&]() -> Coro<> {
        auto p = create_task(parent());
        co_await sleep(1);
        p.cancel("outside");
        try {
            co_await p;
        } catch (const CancelledError&) {
            log("parent cancelled " + b(p.cancelled()));
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 body done", "1 child cancelled CancelledError()",
                             "1 parent got CancelledError('outside')", "1 parent cancelled True"}));
}

// taskgroup.create-task.refused, taskgroup.enter.once-only, scenarios
// taskgroup.create-task-refused, taskgroup.enter-twice
TEST(TaskGroup, create_task_refused_and_enter_twice) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = []() -> Coro<int> { co_return 1; };
    auto main = [&]() -> Coro<> {
        TaskGroup tg;
        try {
            tg.create_task(job());
        } catch (const RuntimeError&) {
            log("not entered");
        }
        try {
            co_await async_with(tg, [&](TaskGroup& g) -> Coro<> {
                g.create_task(bad(0));
                bool cancelled = false;
                try {
                    co_await sleep(1);
                } catch (const CancelledError&) {
                    cancelled = true;
                }
                if (cancelled) {
                    try {
                        g.create_task(job());
                    } catch (const RuntimeError&) {
                        log("shutting down");
                    }
                    throw CancelledError();
                }
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr());
        }
        try {
            tg.create_task(job());
        } catch (const RuntimeError&) {
            log("finished");
        }
        try {
            co_await async_with(tg, [&]() -> Coro<> { co_return; });
        } catch (const RuntimeError&) {
            log("second enter");
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0 not entered", "0 shutting down",
                             "0 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom()])", "0 finished",
                             "0 second enter"}));
}

// taskgroup.create-task.allowed-while-waiting, scenario taskgroup.create-task-while-exiting
TEST(TaskGroup, create_task_while_exiting) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto late = [&](std::string name) -> Coro<> {
        co_await sleep(0.5);
        log("late child done " + name);
    };
    auto spawner = [&](TaskGroup& tg) -> Coro<> {
        co_await sleep(0.1);
        tg.create_task(late("spawned"));
        log("spawned from child");
    };
    auto main = [&]() -> Coro<> {
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            tg.create_task(spawner(tg));
            log("body done");
            co_return;
        });
        log("group exited");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events,
              (V{"0 body done", "0.1 spawned from child", "0.6 late child done spawned", "0.6 group exited"}));
}

// taskgroup.errors.cancelled-not-error, scenario taskgroup.child-cancelled-not-error
TEST(TaskGroup, child_cancelled_not_error) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto job = [](double d) -> Coro<double> {
        co_await sleep(d);
        co_return d;
    };
    auto main = [&]() -> Coro<> {
        Task<double> a, bb;
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            a = tg.create_task(job(5));
            bb = tg.create_task(job(0.2));
            co_await sleep(0.1);
            a.cancel();
            co_await sleep(0.05);
            log("body continues");
        });
        log("after " + b(a.cancelled()) + " " + std::to_string(bb.result()) + " " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.15 body continues", "0.2 after True 0.200000 0"}));
}

// taskgroup.abort.sibling-order-undefined (IMPL-DEFINED; the reference: creation
// order), scenario taskgroup.sibling-cancel-unordered
TEST(TaskGroup, siblings_cancelled_in_creation_order) {
    EventLoop loop(Clock::virtual_);
    TimedLog log(loop);
    auto main = [&]() -> Coro<> {
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
                tg.create_task(sibling("x", log));
                tg.create_task(sibling("y", log));
                tg.create_task(sibling("z", log));
                tg.create_task(bad());
                co_return;
            });
        } catch (const ExceptionGroup& eg) {
            log("group " + eg.group_repr());
        }
    };
    run_until_complete(loop, main());
    EXPECT_EQ(log.events, (V{"0.1 cancelled x", "0.1 cancelled y", "0.1 cancelled z",
                             "0.1 group ExceptionGroup('unhandled errors in a TaskGroup', [Boom()])"}));
}

// taskgroup.create-task.name (3.13: a named child takes no Task-N number),
// scenario taskgroup.task-names
TEST(TaskGroup, task_names) {
    EventLoop loop(Clock::virtual_);
    auto job = []() -> Coro<std::string> { co_return current_task()->get_name(); };
    auto main = [&]() -> Coro<> {
        Task<std::string> a, bb, c;
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            a = tg.create_task(job());
            bb = tg.create_task(job(), "named");
            c = tg.create_task(job());
            co_return;
        });
        EXPECT_EQ(a.result(), "Task-2");
        EXPECT_EQ(bb.result(), "named");
        EXPECT_EQ(c.result(), "Task-3");
    };
    run_until_complete(loop, main());
}

// Exception groups: construction rules, split/subgroup keeping nesting, repr.
TEST(ExceptionGroups, split_and_render) {
    auto eg = make_exception_group(
        "m", {make_exception(ValueError("a")),
              make_exception(ExceptionGroup("n", {make_exception(TypeError("b")), make_exception(ValueError("c"))}))});
    EXPECT_EQ(repr(eg),
              "ExceptionGroup('m', [ValueError('a'), ExceptionGroup('n', [TypeError('b'), ValueError('c')])])");
    auto [match, rest] = split<TypeError>(eg);
    EXPECT_EQ(repr(match), "ExceptionGroup('m', [ExceptionGroup('n', [TypeError('b')])])");
    EXPECT_EQ(repr(rest), "ExceptionGroup('m', [ValueError('a'), ExceptionGroup('n', [ValueError('c')])])");
    EXPECT_EQ(repr(subgroup<ValueError>(eg)),
              "ExceptionGroup('m', [ValueError('a'), ExceptionGroup('n', [ValueError('c')])])");
    EXPECT_FALSE(subgroup<KeyboardInterrupt>(eg));
    // A group that is itself an Exception matches whole.
    EXPECT_EQ(split<Exception>(eg).first, eg);
    // BaseExceptionGroup when a member is not an Exception; ExceptionGroup refuses one.
    auto beg = make_exception_group("m", {make_exception(KeyboardInterrupt())});
    EXPECT_EQ(repr(beg), "BaseExceptionGroup('m', [KeyboardInterrupt()])");
    EXPECT_FALSE(is_exception(beg));
    EXPECT_TRUE(is_exception(eg));
    EXPECT_EQ(testing::raised([] { ExceptionGroup("m", {make_exception(KeyboardInterrupt())}); }),
              "TypeError('Cannot nest BaseExceptions in an ExceptionGroup')");
    EXPECT_EQ(testing::raised([] { make_exception_group("m", {}); }),
              "ValueError('second argument (exceptions) must be a non-empty sequence')");
    // except* over a naked exception wraps it.
    std::string handled;
    auto rest2 = except_star<ValueError>(make_exception(ValueError("x")),
                                         [&](const std::exception_ptr& g) { handled = repr(g); });
    EXPECT_EQ(handled, "ExceptionGroup('', [ValueError('x')])");
    EXPECT_FALSE(rest2);
    // `catch (const Exception&)` catches an ExceptionGroup, as `except Exception` does.
    EXPECT_TRUE(exception_is<Exception>(eg));
}

}  // namespace
}  // namespace asyncio
