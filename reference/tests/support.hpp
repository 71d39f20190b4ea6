// Test support for the reference's own tests (the one helper header): an
// event log, optionally stamped with the loop's virtual time, a call_soon
// ticker counting loop iterations, and Python-style renderings.
//
// The asyncio behaviour a program can observe is checked by the spec's
// scenarios (spec/scenarios/, run on the reference through the conformance
// interpreter); these helpers serve the tests of what no scenario can
// express: the C++ API, I/O, threads, debug output, loop internals.
#pragma once

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace asyncio::testing {

// `Trace trace;` logs events as given; `Trace trace(loop);` prefixes each with
// the loop's time ("0.1 waiter cancelled"), like a scenario's trace.
class Trace {
public:
    Trace() = default;
    explicit Trace(EventLoop& loop) : loop_(&loop) {}
    void log(std::string event) {
        if (loop_) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g ", loop_->time());
            event = buf + event;
        }
        events.push_back(std::move(event));
    }
    std::vector<std::string> events;

private:
    EventLoop* loop_ = nullptr;
};

// A callback that re-schedules itself with call_soon: tick N runs in the
// N-th iteration after start(). `now()` is the number of ticks so far.
class Ticker {
public:
    explicit Ticker(EventLoop& loop, int limit = 100) : state_(std::make_shared<State>(State{&loop, 0, limit})) {}
    void start() { schedule(state_); }
    int now() const { return state_->ticks; }

private:
    struct State {
        EventLoop* loop;
        int ticks;
        int limit;
    };
    static void schedule(std::shared_ptr<State> s) {
        s->loop->call_soon([s] {
            ++s->ticks;
            if (s->ticks < s->limit) schedule(s);
        });
    }
    std::shared_ptr<State> state_;
};

// Python's repr of the exception a callable throws, or "no exception".
template <class F>
std::string raised(F&& f) {
    try {
        f();
    } catch (...) {
        return exception_repr(std::current_exception());
    }
    return "no exception";
}

// Python's rendering of a bool and of an exception.
inline std::string py(bool v) { return v ? "True" : "False"; }
inline std::string repr(const std::exception_ptr& e) { return exception_repr(e); }

}  // namespace asyncio::testing
