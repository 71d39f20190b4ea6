// Support for the combinator tests: a log stamped with the virtual time
// ("0.1 caught CancelledError('stop')"), so a test reads like the scenario's
// recorded 3.13 trace it mirrors.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "support.hpp"

namespace asyncio::testing {

class TimedLog {
public:
    explicit TimedLog(EventLoop& loop) : loop_(&loop) {}
    void operator()(const std::string& event) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g ", loop_->time());
        events.push_back(buf + event);
    }
    std::vector<std::string> events;

private:
    EventLoop* loop_;
};

inline std::string b(bool v) { return v ? "True" : "False"; }
inline std::string repr(const std::exception_ptr& e) { return exception_repr(e); }

// A scenario's own exception class (`class Boom(Exception): pass`).
class Boom : public Exception {
public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "Boom"; }
};

}  // namespace asyncio::testing
