// taskgroups and exception groups (Lib/asyncio/taskgroups.py; PEP 654's
// ExceptionGroup): what the spec's scenarios cannot express. TaskGroup's
// behaviour and the groups it raises are checked by
// spec/scenarios/taskgroup/ (run on the reference by
// `ctest -R '^Reference\.'`, through aenter()/aexit()); the tests here cover
// the C++ forms: async_with(TaskGroup(), body) with typed child tasks, and
// the exception-group library (construction rules, split, subgroup,
// except_star, repr), which is Python's, not asyncio's.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::raised;
using testing::repr;
using testing::Trace;
using V = std::vector<std::string>;

// C++ API: async_with(TaskGroup(), body(TaskGroup&)); create_task gives a
// typed Task<T> whose result is there after the group exits
// (taskgroup.exit.waits-for-all).
TEST(TaskGroup, async_with_gives_typed_child_tasks) {
    EventLoop loop(Clock::virtual_);
    Trace trace(loop);
    auto job = [&](std::string name, double d) -> Coro<std::string> {
        co_await sleep(d);
        trace.log("finished " + name);
        co_return name;
    };
    auto main = [&]() -> Coro<> {
        Task<std::string> a, bb;
        co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
            a = tg.create_task(job("a", 0.2));
            bb = tg.create_task(job("b", 0.1));
            trace.log("body done");
            co_return;
        });
        trace.log("after group " + a.result() + " " + bb.result());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events, (V{"0 body done", "0.1 finished b", "0.2 finished a", "0.2 after group a b"}));
}

// Exception groups: construction rules, split/subgroup keeping nesting, repr.
TEST(ExceptionGroups, construction_split_subgroup_and_except_star) {
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
    EXPECT_EQ(raised([] { ExceptionGroup("m", {make_exception(KeyboardInterrupt())}); }),
              "TypeError('Cannot nest BaseExceptions in an ExceptionGroup')");
    EXPECT_EQ(raised([] { make_exception_group("m", {}); }),
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
