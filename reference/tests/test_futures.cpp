// Future clauses (spec/clauses/futures.toml); the never-retrieved report is in test_debug.cpp.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

using testing::raised;
using testing::Ticker;
using testing::Trace;

// futures.state.initial-pending, futures.result.*, futures.cancel.pending: states,
// and what result()/exception() raise in each.
TEST(Future, FUT_1_FUT_2_states_and_result) {
    EventLoop loop(Clock::virtual_);
    auto f = create_future<int>(loop);
    EXPECT_FALSE(f.done());
    EXPECT_EQ(raised([&] { f.result(); }), "InvalidStateError('Result is not ready.')");
    EXPECT_EQ(raised([&] { f.exception(); }), "InvalidStateError('Exception is not set.')");
    f.set_result(42);
    EXPECT_TRUE(f.done());
    EXPECT_FALSE(f.cancelled());
    EXPECT_EQ(f.result(), 42);
    EXPECT_EQ(f.exception(), nullptr);

    auto g = create_future<int>(loop);
    g.set_exception(ValueError("bad"));
    EXPECT_EQ(raised([&] { g.result(); }), "ValueError('bad')");
    EXPECT_EQ(exception_repr(g.exception()), "ValueError('bad')");

    auto c = create_future<int>(loop);
    EXPECT_TRUE(c.cancel("why"));
    EXPECT_TRUE(c.done());
    EXPECT_TRUE(c.cancelled());
    EXPECT_EQ(raised([&] { c.result(); }), "CancelledError('why')");
    EXPECT_EQ(raised([&] { c.exception(); }), "CancelledError('why')");
}

// futures.set-exception.stop-iteration (3.13): a StopIteration is
// stored as a RuntimeError caused by it, and the future finishes.
TEST(Future, FUT_3_set_exception_stop_iteration) {
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

// futures.set.done-invalid: set_result / set_exception on a done future raise InvalidStateError.
TEST(Future, FUT_3_set_on_done_future_raises) {
    EventLoop loop(Clock::virtual_);
    auto f = create_future<int>(loop);
    f.set_result(1);
    EXPECT_THROW(f.set_result(2), InvalidStateError);
    EXPECT_THROW(f.set_exception(ValueError("x")), InvalidStateError);
    auto c = create_future<>(loop);
    c.cancel();
    EXPECT_THROW(c.set_result(), InvalidStateError);
}

// futures.cancel.done-returns-false: cancel on a done future returns false and changes nothing.
TEST(Future, FUT_4_cancel_done_returns_false) {
    EventLoop loop(Clock::virtual_);
    auto f = create_future<int>(loop);
    f.set_result(3);
    EXPECT_FALSE(f.cancel("late"));
    EXPECT_FALSE(f.cancelled());
    EXPECT_EQ(f.result(), 3);
    auto c = create_future<int>(loop);
    EXPECT_TRUE(c.cancel("first"));
    EXPECT_FALSE(c.cancel("second"));
    EXPECT_EQ(raised([&] { c.result(); }), "CancelledError('first')");
}

// futures.callbacks.scheduled-in-order, futures.callbacks.already-done: done
// callbacks are call_soon'd in registration order, never run synchronously; on
// a done future, call_soon'd at once.
TEST(Future, FUT_5_done_callbacks_scheduled_in_order) {
    EventLoop loop(Clock::virtual_);
    Trace trace;
    auto f = create_future<int>(loop);
    f.add_done_callback([&](Future<int> g) { trace.log("cb1 " + std::to_string(g.result())); });
    f.add_done_callback([&](Future<int>) { trace.log("cb2"); });
    loop.call_soon([&] {
        f.set_result(5);
        trace.log("after set_result");
        loop.call_soon([&] { trace.log("scheduled after"); });
    });
    loop.run_once();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"after set_result"}));
    loop.run_once();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"after set_result", "cb1 5", "cb2", "scheduled after"}));
    f.add_done_callback([&](Future<int>) { trace.log("late cb"); });
    EXPECT_EQ(trace.events.size(), 4u);
    loop.run_once();
    EXPECT_EQ(trace.events.back(), "late cb");
}

void counted_callback(Future<int>) {}

// futures.callbacks.remove-count: remove_done_callback removes every equal registration, returns the count.
TEST(Future, FUT_6_remove_done_callback_counts) {
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

// futures.await.done-no-suspend, futures.await.pending-resumes-next-iteration:
// awaiting a done future does not suspend; a pending one resumes the awaiter
// one iteration after set_result.
TEST(Future, FUT_7_await_done_future_does_not_suspend) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Trace trace;
    auto done = create_future<int>(loop);
    done.set_result(1);
    auto pending = create_future<int>(loop);
    auto main = [&]() -> Coro<int> {
        ticker.start();
        int a = co_await done;
        trace.log("done future @" + std::to_string(ticker.now()));
        loop.call_soon([&] {
            trace.log("set_result @" + std::to_string(ticker.now()));
            pending.set_result(2);
        });
        int b = co_await pending;
        trace.log("pending future @" + std::to_string(ticker.now()));
        co_return a + b;
    };
    EXPECT_EQ(run_until_complete(loop, main()), 3);
    EXPECT_EQ(trace.events,
              (std::vector<std::string>{"done future @0", "set_result @1", "pending future @2"}));
}

// futures.cancel.pending, futures.await.outcome: a cancelled future raises CancelledError(msg), or CancelledError().
TEST(Future, FUT_9_cancelled_error_carries_the_message) {
    EventLoop loop(Clock::virtual_);
    auto f = create_future<>(loop);
    f.cancel();
    EXPECT_EQ(raised([&] { f.result(); }), "CancelledError()");
    auto g = create_future<>(loop);
    g.cancel("msg");
    auto main = [&]() -> Coro<std::string> {
        try {
            co_await g;
        } catch (const CancelledError& e) {
            co_return e.repr();
        }
        co_return "not cancelled";
    };
    EXPECT_EQ(run_until_complete(loop, main()), "CancelledError('msg')");
}

}  // namespace
}  // namespace asyncio
