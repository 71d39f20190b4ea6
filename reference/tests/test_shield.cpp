// shield and as_completed (Lib/asyncio/tasks.py): what the spec's scenarios
// cannot express. Their behaviour is checked by
// spec/scenarios/{shield,as_completed}/ (run on the reference by
// `ctest -R '^Reference\.'`, through shield of a future and as_completed of
// a vector of futures); the tests here cover the other C++ forms: shield of
// a coroutine, and as_completed of coroutines iterated with a range-for.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::py;
using testing::Trace;
using V = std::vector<std::string>;

// C++ API: shield(Coro<T>) wraps the coroutine in a task of its own, which
// survives the awaiter's cancellation (shield.args.coroutine-wrapped).
TEST(Shield, shield_of_a_coroutine_runs_it_in_its_own_task) {
    EventLoop loop(Clock::virtual_);
    Trace trace(loop);
    TaskBase* main_task = nullptr;
    auto work = [&]() -> Coro<> {
        trace.log("work started " + py(current_task() == main_task));
        co_await sleep(1);
        trace.log("work finished");
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
            trace.log("waiter cancelled");
        }
        co_await sleep(2);
        trace.log("main done");
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events, (V{"0 work started False", "0.1 waiter cancelled", "1 work finished", "2.1 main done"}));
}

// C++ API: as_completed(std::vector<Coro<T>>) in a range-for, each item a
// Coro<T> to co_await; the coroutines become tasks at the call
// (as_completed.inputs.wrapping-time).
TEST(AsCompleted, range_for_over_coroutines) {
    EventLoop loop(Clock::virtual_);
    Trace trace(loop);
    auto started = [&](std::string name, double d) -> Coro<std::string> {
        trace.log("start " + name);
        co_await sleep(d);
        co_return name;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Coro<std::string>> cs;
        cs.push_back(started("x", 0.2));
        auto it = as_completed(std::move(cs));
        trace.log("created");
        co_await sleep(0.05);
        trace.log("iterating");
        for (Coro<std::string> f : it) trace.log("next " + co_await std::move(f));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events, (V{"0 created", "0 start x", "0.05 iterating", "0.2 next x"}));
}

}  // namespace
}  // namespace asyncio
