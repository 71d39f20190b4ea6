// timeouts (Lib/asyncio/timeouts.py): what the spec's scenarios cannot
// express. timeout()/timeout_at(), expiry, nesting, rescheduling and
// cancellation are checked by spec/scenarios/timeout/ (run on the reference
// by `ctest -R '^Reference\.'`, through aenter()/aexit()); the tests here
// cover the C++ forms: async_with(cm, body), the manual aenter()/aexit()
// with the exception chain it builds, and timeout() outside a running loop;
// plus the TimeoutError's __context__, which no scenario checks yet.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::py;
using testing::repr;
using testing::Trace;
using V = std::vector<std::string>;

std::string cancelling() { return std::to_string(current_task()->cancelling()); }

// C++ API: async_with(Timeout, body) (timeout.exit.converts-to-timeout-error,
// scenario timeout.basic-expiry). The TimeoutError's __context__ is the
// CancelledError as well as its __cause__: the scenario logs the cause only.
TEST(Timeout, async_with_converts_the_expiry_to_timeout_error) {
    EventLoop loop(Clock::virtual_);
    Trace trace(loop);
    auto main = [&]() -> Coro<> {
        Timeout cm = timeout(1);
        try {
            co_await async_with(cm, [&]() -> Coro<> {
                try {
                    co_await sleep(10);
                } catch (const CancelledError& e) {
                    trace.log("body cancelled " + e.repr() + " " + cancelling());
                    throw;
                }
            });
        } catch (const TimeoutError& e) {
            trace.log("timeout " + repr(e.cause) + " " + repr(e.context));
        }
        trace.log("after " + py(cm.expired()) + " " + cancelling());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(trace.events, (V{"1 body cancelled CancelledError() 1", "1 timeout CancelledError() CancelledError()",
                               "1 after True 0"}));
}

// C++ API: the manual form (what the IR interpreter does): aenter(), then
// aexit(exception) raising TimeoutError from the CancelledError; timeout()
// outside a running loop raises RuntimeError.
TEST(Timeout, manual_aenter_aexit_and_timeout_outside_a_loop) {
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
