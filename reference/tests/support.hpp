// Test support: an event log stamped with the ticker's count, so tests pin
// how many loop iterations a construct takes (a call_soon ticker, as the
// catalogue measures it, not sleeps).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace asyncio::testing {

class Trace {
public:
    void log(std::string event) { events.push_back(std::move(event)); }
    std::vector<std::string> events;
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

}  // namespace asyncio::testing
