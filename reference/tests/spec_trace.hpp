// Checking the reference against the spec's recorded traces: a C++ port of a
// scenario logs through SpecTrace (same values, canonical rendering of
// spec/LANGUAGE.md), and expect_scenario compares the events and virtual
// times with the CPython 3.13 trace in spec/expected/<area>/<id>.json.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "asyncio/asyncio.hpp"

#ifndef ASYNCSPEC_SPEC_DIR
#error "ASYNCSPEC_SPEC_DIR must name the spec directory"
#endif

namespace asyncio::testing {

using json = nlohmann::json;

// A scenario's own exception class (`class Boom(Exception): pass`): rendered
// with its args, unlike builtins and asyncio's exceptions.
class UserException : public Exception {
public:
    UserException(const char* name, std::vector<std::string> a) : name_(name), rendered_args(a) { args = std::move(a); }
    // Args of any canonical type (e.g. Boom("thread", 7)).
    UserException(const char* name, nlohmann::json a) : name_(name), rendered_args(std::move(a)) {}
    const char* type_name() const noexcept override { return name_; }

private:
    const char* name_;

public:
    nlohmann::json rendered_args;
};

// Canonical value of an exception: type name, plus args for CancelledError
// and scenario-defined classes.
inline json exc_value(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const UserException& u) {
        return json{{"exc", u.type_name()}, {"args", u.rendered_args}};
    } catch (const CancelledError& c) {
        return json{{"exc", "CancelledError"}, {"args", c.args}};
    } catch (const BaseException& b) {
        return json{{"exc", b.type_name()}};
    } catch (...) {
        return json{{"exc", "<non-asyncio exception>"}};
    }
}

inline json render(const std::exception_ptr& e) { return exc_value(e); }
inline json render(std::nullptr_t) { return nullptr; }
inline json render(const json& j) { return j; }
template <class T>
json render(const T& v) {
    return json(v);
}
// Python tuple (lists are plain JSON arrays).
template <class... A>
json tuple(const A&... a) {
    json items = json::array();
    (items.push_back(render(a)), ...);
    return json{{"tuple", items}};
}
template <class... A>
json list(const A&... a) {
    json items = json::array();
    (items.push_back(render(a)), ...);
    return items;
}

class SpecTrace {
public:
    explicit SpecTrace(EventLoop& loop) : loop_(&loop) {}

    template <class... A>
    void log(const A&... a) {
        if (ended_) return;  // logs after main has ended are not part of the trace
        json v = json::array();
        (v.push_back(render(a)), ...);
        events_.push_back(json{{"t", loop_->time()}, {"v", std::move(v)}});
    }
    void end_return(json value = nullptr) {
        if (ended_) return;
        events_.push_back(json{{"end", "return"}, {"t", loop_->time()}, {"value", std::move(value)}});
        ended_ = true;
    }
    void end_raise(const std::exception_ptr& e) {
        if (ended_) return;
        events_.push_back(json{{"end", "raise"}, {"t", loop_->time()}, {"exc", exc_value(e)}});
        ended_ = true;
    }
    const json& events() const { return events_; }

    // An object that lives as long as the trace, past main's end (Python's
    // objects live while a task references them; the tasks asyncio.run
    // cancels after main may still touch them).
    template <class T, class... A>
    T& make(A&&... a) {
        auto p = std::make_shared<T>(std::forward<A>(a)...);
        T& ref = *p;
        keep_.push_back(std::move(p));
        return ref;
    }

private:
    EventLoop* loop_;
    json events_ = json::array();
    bool ended_ = false;
    std::vector<std::shared_ptr<void>> keep_;
};

// The expected 3.13 trace of scenario `id` (file spec/expected/<area>/<id>.json),
// without line numbers.
inline json expected_trace(const std::string& area, const std::string& id) {
    const std::string path = std::string(ASYNCSPEC_SPEC_DIR) + "/expected/" + area + "/" + id + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    json doc = json::parse(in);
    for (const json& t : doc.at("traces")) {
        for (const json& v : t.at("versions")) {
            if (v == "3.13") {
                json out = json::array();
                for (json e : t.at("trace")) {
                    e.erase("line");
                    out.push_back(std::move(e));
                }
                return out;
            }
        }
    }
    throw std::runtime_error(path + ": no 3.13 trace");
}

template <class C>
struct CoroValue;
template <class T>
struct CoroValue<Coro<T>> {
    using type = T;
};

// Runs `main` as asyncio.run would on a virtual-clock loop (main's end closes
// the trace; the remaining tasks are cancelled afterwards) and compares the
// trace with the recorded one, event by event.
template <class F>
void expect_scenario(const std::string& area, const std::string& id, F&& make_main) {
    EventLoop loop(Clock::virtual_);
    loop.max_iterations = 100000;
    SpecTrace trace(loop);
    using T = typename CoroValue<decltype(make_main(trace))>::type;
    auto main = [&]() -> Coro<> {
        try {
            if constexpr (std::is_void_v<T>) {
                co_await make_main(trace);
                trace.end_return();
            } else {
                T value = co_await make_main(trace);
                trace.end_return(render(value));
            }
        } catch (...) {
            trace.end_raise(std::current_exception());
            throw;
        }
    };
    try {
        run_until_complete(loop, create_task(loop, main()));
    } catch (const EventLoopStalled&) {
        ADD_FAILURE() << id << ": the loop stalled";
    } catch (...) {
    }
    detail::cancel_all_tasks(loop);
    const json expected = expected_trace(area, id);
    const json& actual = trace.events();
    const std::size_t n = std::max(expected.size(), actual.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::string e = i < expected.size() ? expected[i].dump() : "<none>";
        const std::string a = i < actual.size() ? actual[i].dump() : "<none>";
        if (e != a) {
            ADD_FAILURE() << id << ": first divergence at event " << i << "\n  expected " << e << "\n  actual   " << a
                          << "\n  full actual trace: " << actual.dump();
            return;
        }
    }
}

}  // namespace asyncio::testing
