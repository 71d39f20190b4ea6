// Debug output (base_events, futures): slow-callback warnings in debug mode
// and never-retrieved exception reports, which no scenario's trace holds.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support.hpp"

namespace asyncio {
namespace {

TEST(Debug, slow_callback_is_reported_in_debug_mode) {
    EventLoop loop(Clock::virtual_);
    std::vector<std::string> warnings;
    loop.set_warning_sink([&](std::string_view w) { warnings.emplace_back(w); });
    loop.slow_callback_duration = 0.01;
    auto slow = [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
    loop.call_soon(slow);
    loop.run_once();
    EXPECT_TRUE(warnings.empty());  // debug off: not measured
    loop.set_debug(true);
    loop.call_soon(slow);
    loop.call_soon([] {});
    loop.run_once();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("took"), std::string::npos);
}

// A failed future destroyed without its exception retrieved is reported
// through the exception handler; a retrieved one is not (CPython's
// Future.__del__; see tasks.exception.stored-unawaited).
TEST(Debug, never_retrieved_exception_is_reported) {
    EventLoop loop(Clock::virtual_);
    std::vector<std::string> reports;
    loop.set_exception_handler([&](EventLoop&, const ExceptionContext& ctx) {
        reports.push_back(ctx.message + ": " + exception_repr(ctx.exception));
    });
    {
        auto f = create_future<int>(loop);
        f.set_exception(ValueError("lost"));
    }
    {
        auto f = create_future<int>(loop);
        f.set_exception(ValueError("seen"));
        (void)f.exception();
    }
    {
        auto fail = []() -> Coro<> {
            throw ValueError("task lost");
            co_return;
        };
        auto t = create_task(loop, fail());
        loop.run_once();
        EXPECT_TRUE(t.done());
    }
    EXPECT_EQ(reports, (std::vector<std::string>{"Future exception was never retrieved: ValueError('lost')",
                                                 "Task exception was never retrieved: ValueError('task lost')"}));
}

}  // namespace
}  // namespace asyncio
