// sleep clauses (spec/clauses/sleep.toml).
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::Ticker;

// sleep.zero.one-iteration: sleep(d <= 0) is exactly one iteration and creates no timer.
TEST(Sleep, SL_1_sleep_zero_is_one_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    std::vector<int> at;
    auto main = [&]() -> Coro<> {
        ticker.start();
        co_await sleep(0);
        at.push_back(ticker.now());
        EXPECT_EQ(loop.timer_count(), 0u);
        co_await sleep(-1);
        at.push_back(ticker.now());
    };
    run_until_complete(loop, main());
    // The ticker's first tick shares the iteration main resumes in.
    EXPECT_EQ(at, (std::vector<int>{1, 2}));
    EXPECT_EQ(loop.time(), 0.0);
}

// sleep.positive.timer: sleep(d > 0) is a timer plus a future: the task resumes the
// iteration after the timer fires, at virtual time d.
TEST(Sleep, SL_2_sleep_positive_uses_a_timer) {
    EventLoop loop(Clock::virtual_);
    std::vector<double> times;
    auto main = [&]() -> Coro<> {
        co_await sleep(1.5);
        times.push_back(loop.time());
        co_await sleep(0.25);
        times.push_back(loop.time());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(times, (std::vector<double>{1.5, 1.75}));
    EXPECT_EQ(loop.timer_count(), 0u);
}

// sleep.cancel.removes-timer: a cancelled sleep cancels its timer (the `finally: h.cancel()`).
TEST(Sleep, SL_2_cancelled_sleep_cancels_its_timer) {
    EventLoop loop(Clock::virtual_);
    auto body = []() -> Coro<> { co_await sleep(100); };
    auto t = create_task(loop, body());
    loop.call_soon([&] { t.cancel(); });
    EXPECT_THROW(run_until_complete(loop, t), CancelledError);
    loop.call_soon([] {});
    loop.run_once();  // drops the cancelled timer from the heap head
    EXPECT_EQ(loop.timer_count(), 0u);
    EXPECT_LT(loop.time(), 100.0);
}

// sleep.nan (3.13): sleep(NaN) raises ValueError.
TEST(Sleep, SL_3_nan_raises_value_error) {
    EventLoop loop(Clock::virtual_);
    auto body = []() -> Coro<> { co_await sleep(std::nan("")); };
    EXPECT_THROW(run_until_complete(loop, create_task(loop, body())), ValueError);
}

}  // namespace
}  // namespace asyncio
