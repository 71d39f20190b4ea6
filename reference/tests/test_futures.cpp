// futures (Lib/asyncio/futures.py): what the spec's scenarios cannot express.
// Future states, results, cancellation, done callbacks and awaiting are
// checked by spec/scenarios/futures/ (run on the reference by
// `ctest -R '^Reference\.'`); the tests here cover the C++ surface and one
// rule no scenario checks yet. The never-retrieved report is in
// test_debug.cpp.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::Trace;

// futures.set-exception.stop-iteration (3.13): the StopIteration becomes both
// the __cause__ and the __context__ of the stored RuntimeError. Scenario
// futures.set-exception-stopiteration checks the cause only.
TEST(Future, set_exception_stop_iteration_sets_cause_and_context) {
    EventLoop loop(Clock::virtual_);
    auto f = create_future<int>(loop);
    f.set_exception(StopIteration("x"));
    EXPECT_TRUE(f.done());
    std::exception_ptr e = f.exception();
    ASSERT_TRUE(exception_is<RuntimeError>(e));
    try {
        std::rethrow_exception(e);
    } catch (const RuntimeError& r) {
        EXPECT_TRUE(exception_is<StopIteration>(r.cause));
        EXPECT_EQ(r.cause, r.context);
    }
}

void counted_callback(Future<int>) {}

// C++ API: a function pointer is its own identity for remove_done_callback
// (lambdas register with none); every equal registration goes, the count
// is returned (futures.callbacks.remove-count).
TEST(Future, remove_done_callback_identifies_function_pointers_by_address) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto f = create_future<int>(loop);
    f.add_done_callback(&counted_callback);
    f.add_done_callback([&](Future<int>) { trace.log("kept"); });
    f.add_done_callback(&counted_callback);
    EXPECT_EQ(f.remove_done_callback(reinterpret_cast<const void*>(&counted_callback)), 2u);
    EXPECT_EQ(f.remove_done_callback(reinterpret_cast<const void*>(&counted_callback)), 0u);
    f.set_result(1);
    loop.run_once();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"kept"}));
}

}  // namespace
}  // namespace asyncio
